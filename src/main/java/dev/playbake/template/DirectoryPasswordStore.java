package dev.playbake.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** Password files under one directory: created 0600 in directories created 0700, as Ansible makes them. */
final class DirectoryPasswordStore implements PasswordStore {

    private final Path root;

    DirectoryPasswordStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Optional<String> read(String path) {
        Path file = resolve(path);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TemplateException("lookup('password'): cannot read " + path + ": " + e.getMessage());
        }
    }

    @Override
    public void write(String path, String content) {
        Path file = resolve(path);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            Files.deleteIfExists(file);
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TemplateException("lookup('password'): cannot write " + path + ": " + e.getMessage());
        }
    }

    /** A path of the build context; a password file elsewhere on this machine is not the build's to write. */
    private Path resolve(String path) {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new TemplateException("lookup('password'): " + path + " is outside the playbook's directory; "
                    + "give a path relative to it");
        }
        return file;
    }
}
