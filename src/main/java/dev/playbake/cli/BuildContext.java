package dev.playbake.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.TreeMap;

/** The files beside a playbook that its tasks may read, loaded into memory (what the cache key covers). */
final class BuildContext {

    private static final Set<String> SKIPPED = Set.of(".git", ".hg", ".svn", "target", "node_modules", ".idea",
            ".venv", "__pycache__");
    private static final long LIMIT = 256L * 1024 * 1024;

    private BuildContext() {
    }

    /**
     * Every regular file under {@code dir} by relative path, except version-control and build folders
     * and the artifact folder (what fetch tasks wrote).
     */
    static TreeMap<String, byte[]> load(Path dir, Path artifacts) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && (SKIPPED.contains(d.getFileName().toString())
                            || d.toAbsolutePath().normalize().equals(artifacts)) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        total[0] += attrs.size();
                        if (total[0] > LIMIT) {
                            throw new BadInputException("the files next to the playbook in " + dir + " add up to more "
                                    + "than 256 MiB; keep the playbook in a directory of its own");
                        }
                        files.put(dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new BadInputException("cannot read " + dir + ": " + e.getMessage());
        }
        return files;
    }
}
