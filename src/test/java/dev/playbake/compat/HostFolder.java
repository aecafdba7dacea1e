package dev.playbake.compat;

import dev.playbake.modules.ArtifactFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The differential test's artifact folder for playbake's side: plain files in a directory. */
final class HostFolder implements ArtifactFolder {

    private final Path root;

    HostFolder(Path root) {
        this.root = root;
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(root.resolve(path));
    }

    @Override
    public boolean write(String path, byte[] content) {
        Path file = root.resolve(path);
        try {
            if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), content)) {
                return false;
            }
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
