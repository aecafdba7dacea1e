package dev.playbake.cli;

import dev.playbake.imagebuild.cache.ArtifactStore;

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

    /** Where the CLI keeps copies of fetched files, so cached rebuilds give them back. */
    static ArtifactStore artifactStore() {
        return new ArtifactStore(directory().resolve("artifacts"));
    }
}
