package dev.playbake.template;

import java.util.List;
import java.util.Optional;

/** A build context without files, for template tests that need no lookups of files. */
final class NoFiles implements FileFinder {

    static final FileFinder FINDER = new NoFiles();

    private NoFiles() {
    }

    @Override
    public Optional<Found> find(String kind, String name, Variables vars) {
        return Optional.empty();
    }

    @Override
    public List<String> glob(String kind, String pattern, Variables vars) {
        return List.of();
    }
}
