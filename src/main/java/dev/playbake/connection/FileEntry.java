package dev.playbake.connection;

import java.util.Objects;

/**
 * A regular file to write into a container.
 *
 * @param path    absolute path in the container
 * @param content the bytes
 * @param mode    permission bits, e.g. 0644
 */
public record FileEntry(String path, byte[] content, int mode) {

    public FileEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a container path must be absolute: " + path);
        }
    }
}
