package dev.playbake.operator.reconcile;

import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.OutputSpec;
import dev.playbake.image.ImageReference;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which ImageBuild may push a tag that several ask for: the oldest (by creation time, then namespace/name), so
 * the answer is the same in every reconcile and after a restart. The others must not overwrite its image.
 */
final class TagClaims {

    private static final Comparator<ImageBuild> OLDEST_FIRST = Comparator
            .comparing((ImageBuild b) -> Optional.ofNullable(b.getMetadata().getCreationTimestamp()).orElse(""))
            .thenComparing(ImageBuild::owner);

    private TagClaims() {
    }

    /**
     * A conflict of this resource, about to push these tags, with an older ImageBuild among the others that
     * pushes one of them.
     */
    static Optional<Conflict> conflict(ImageBuild resource, List<String> tags, Stream<ImageBuild> others) {
        Set<String> wanted = new LinkedHashSet<>(tags.stream().map(TagClaims::normalized).toList());
        return others
                .filter(other -> !other.owner().equals(resource.owner()))
                .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
                .filter(other -> OLDEST_FIRST.compare(other, resource) < 0)
                .sorted(OLDEST_FIRST)
                .flatMap(other -> tagsOf(other).stream().filter(wanted::contains).findFirst()
                        .map(tag -> new Conflict(tag, other.owner())).stream())
                .findFirst();
    }

    /** The tags a resource's spec pushes, without the checks a build makes; an unreadable spec pushes none. */
    private static List<String> tagsOf(ImageBuild build) {
        OutputSpec output = build.getSpec() == null ? null : build.getSpec().output;
        if (output == null || output.image == null) {
            return List.of();
        }
        try {
            ImageReference image = ImageReference.parse(output.image);
            return Stream.concat(Stream.of(normalized(output.image)),
                    output.additionalTags.stream().map(tag -> image.repository() + ":" + tag)).toList();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** {@code web} and {@code web:latest} are one tag. */
    private static String normalized(String reference) {
        ImageReference image = ImageReference.parse(reference);
        return image.repository() + ":" + image.tagOrLatest();
    }

    /**
     * A tag another ImageBuild pushes first.
     *
     * @param tag   the tag both push
     * @param owner {@code namespace/name} of the ImageBuild that keeps it
     */
    record Conflict(String tag, String owner) {

        String message() {
            return "tag " + tag + " is also pushed by ImageBuild " + owner + ", which is older and keeps it: this"
                    + " ImageBuild does not build or push until one of the two changes its output or " + owner
                    + " is deleted";
        }
    }
}
