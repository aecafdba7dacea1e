package dev.playbake.operator.runtime;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/** The operator's key for the keyed hash of secret vars in cache keys (see OperatorConfig#cacheKeyFile). */
final class CacheKey {

    private static final Logger LOG = Logger.getLogger(CacheKey.class);

    private CacheKey() {
    }

    static byte[] load(Optional<String> file) {
        if (file.isPresent()) {
            try {
                return Files.readAllBytes(Path.of(file.get()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the cache key " + file.get(), e);
            }
        }
        LOG.info("no playbake.operator.cache-key-file: builds with secret vars miss the cache after a restart");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
