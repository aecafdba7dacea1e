package dev.playbake.imagebuild;

import dev.playbake.image.ImageReference;
import dev.playbake.image.RegistryCredentials;

import java.util.List;
import java.util.Optional;

/**
 * Where a build's snapshots are shared through registries, in the spirit of BuildKit's {@code --cache-from} and
 * {@code --cache-to}: a snapshot is an image (its labels hold its key and state), tagged {@code REPOSITORY:KEY}.
 *
 * @param from        repositories a build imports snapshots from, tried in order, when its host lacks them
 * @param to          the repository a finished build exports its snapshots to
 * @param credentials for these repositories, when they are not the build's own (the operator's cache registry)
 */
public record RegistryCache(List<String> from, Optional<String> to, Optional<RegistryCredentials> credentials) {

    /** No registry: snapshots stay on the host that made them. */
    public static final RegistryCache NONE = new RegistryCache(List.of(), Optional.empty());

    public RegistryCache {
        from = List.copyOf(from);
        from.forEach(RegistryCache::checkRepository);
        to.ifPresent(RegistryCache::checkRepository);
    }

    /** With the build's own credentials for each registry. */
    public RegistryCache(List<String> from, Optional<String> to) {
        this(from, to, Optional.empty());
    }


    /** The reference of a snapshot with {@code key} in {@code repository}. */
    public static String reference(String repository, String key) {
        return repository + ":" + key;
    }

    private static void checkRepository(String repository) {
        ImageReference reference = ImageReference.parse(repository);
        if (!reference.tag().isEmpty() || !reference.digest().isEmpty()) {
            throw new IllegalArgumentException("cache repository '" + repository + "' must not have a tag or digest:"
                    + " each snapshot is tagged with its key");
        }
    }
}
