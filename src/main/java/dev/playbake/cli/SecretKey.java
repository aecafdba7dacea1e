package dev.playbake.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The key of the keyed hash that stands for secret vars in cache keys: random, made once per user,
 * kept in {@code ~/.cache/playbake/cache.key} (mode 0600) so the cache works across runs.
 */
final class SecretKey {

    private SecretKey() {
    }

    static byte[] load() {
        Path dir = UserCache.directory();
        Path file = dir.resolve("cache.key");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readAllBytes(file);
            }
            Files.createDirectories(dir);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path temp = Files.createTempFile(dir, "cache", ".key",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temp, key);
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("cannot keep the cache key in " + file + ": " + e.getMessage());
        }
    }
}
