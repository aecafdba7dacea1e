package dev.playbake.cli;

import java.nio.file.Path;

/** The CLI's per-user cache directory: {@code $XDG_CACHE_HOME/playbake}, else {@code ~/.cache/playbake}. */
final class UserCache {

    private UserCache() {
    }

    static Path directory() {
        String cacheHome = System.getenv("XDG_CACHE_HOME");
        return cacheHome == null || cacheHome.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "playbake") : Path.of(cacheHome, "playbake");
    }
}
