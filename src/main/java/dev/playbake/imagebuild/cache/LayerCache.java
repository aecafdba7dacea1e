package dev.playbake.imagebuild.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbake.runtime.ContainerRuntime;
import dev.playbake.runtime.ImageSettings;
import dev.playbake.runtime.ImageSummary;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Snapshots of build containers, found by their cache keys (docs/architecture.md, "The layer cache"). A snapshot is an
 * image labelled with its key and the engine state to resume with, and tagged {@code playbake-cache/<name>:<key
 * prefix>} so people can read what they are.
 */
public final class LayerCache {

    static final String REPOSITORY = "playbake-cache/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A snapshot that covers plan steps up to and including {@code index}; {@code artifacts} is its
     * {@link Labels#ARTIFACTS} label, empty when the build had fetched nothing.
     */
    public record Hit(int index, String imageId, Map<String, Object> state, String artifacts) {
    }

    /** A finished image and its {@link Labels#ARTIFACTS} label. */
    public record Finished(String imageId, String artifacts) {
    }

    private final ContainerRuntime runtime;
    private Optional<Listing> listing = Optional.empty();

    public LayerCache(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * The deepest step whose snapshot exists and is usable. The host's images are listed once for this object and
     * its {@link #finished}: a listing costs a walk of every image the daemon has, a large cache makes it slow.
     */
    public Optional<Hit> deepest(List<String> keys, Predicate<Hit> usable) {
        Map<String, ImageSummary> byKey = listing().snapshots();
        for (int i = keys.size() - 1; i >= 0; i--) {
            ImageSummary image = byKey.get(keys.get(i));
            if (image != null) {
                Hit hit = new Hit(i, image.id(), state(image.labels().get(Labels.STATE)),
                        image.labels().getOrDefault(Labels.ARTIFACTS, ""));
                if (usable.test(hit)) {
                    return Optional.of(hit);
                }
            }
        }
        return Optional.empty();
    }

    /** Makes the next lookup list the host's images again, after something added one (an imported snapshot). */
    public void forgetListing() {
        listing = Optional.empty();
    }

    /** The snapshots this host holds of these keys now: image IDs by key, in the keys' order. */
    public Map<String, String> held(List<String> keys) {
        Map<String, ImageSummary> byKey = Listing.of(runtime.imagesLabelled(Labels.CACHE_KEY)).snapshots();
        Map<String, String> held = new LinkedHashMap<>();
        keys.stream().filter(byKey::containsKey).forEach(key -> held.put(key, byKey.get(key).id()));
        return held;
    }

    /**
     * A finished image with this image key, if an earlier build made one. One of {@code tags} (the build's own) is
     * asked first, which needs no listing: a rebuild of what is already built finds its image there.
     */
    public Optional<Finished> finished(String imageKey, List<String> tags) {
        for (String tag : tags) {
            Optional<Finished> tagged = runtime.inspectImage(tag)
                    .filter(image -> imageKey.equals(image.settings().labels().get(Labels.IMAGE_KEY)))
                    .map(image -> new Finished(image.id(),
                            image.settings().labels().getOrDefault(Labels.ARTIFACTS, "")));
            if (tagged.isPresent()) {
                return tagged;
            }
        }
        return Optional.ofNullable(listing().finished().get(imageKey))
                .map(image -> new Finished(image.id(), image.labels().getOrDefault(Labels.ARTIFACTS, "")));
    }

    private Listing listing() {
        if (listing.isEmpty()) {
            listing = Optional.of(Listing.of(runtime.images()));
        }
        return listing.get();
    }

    /** Snapshots by cache key and finished images by image key, the newest of each. */
    private record Listing(Map<String, ImageSummary> snapshots, Map<String, ImageSummary> finished) {

        static Listing of(List<ImageSummary> newestFirst) {
            Map<String, ImageSummary> snapshots = new HashMap<>();
            Map<String, ImageSummary> finished = new HashMap<>();
            for (ImageSummary image : newestFirst) {
                String key = image.labels().getOrDefault(Labels.CACHE_KEY, "");
                if (!key.isEmpty()) {
                    snapshots.putIfAbsent(key, image);
                }
                String imageKey = image.labels().getOrDefault(Labels.IMAGE_KEY, "");
                if (!imageKey.isEmpty()) {
                    finished.putIfAbsent(imageKey, image);
                }
            }
            return new Listing(snapshots, finished);
        }
    }

    /**
     * Commits the container as the snapshot for a step and tags it readably; returns the image ID; {@code quiescent}
     * as {@link ContainerRuntime#commit(String, ImageSettings, boolean)} has it. A non-empty
     * scope is written as a label, for people: the key itself already holds it. {@code image} is the repository
     * the build makes.
     */
    public String snapshot(String containerId, boolean quiescent, String key, String scope, Map<String, Object> state, String artifacts,
                           String step, String build, String image, ImageSettings base) {
        Map<String, String> labels = new LinkedHashMap<>(base.labels());
        labels.put(Labels.CACHE_KEY, key);
        labels.put(Labels.IMAGE, image);
        if (!scope.isEmpty()) {
            labels.put(Labels.CACHE_SCOPE, scope);
        }
        // always set: a container resumed from a snapshot past a fetch inherits that snapshot's label
        labels.put(Labels.ARTIFACTS, artifacts);
        labels.put(Labels.STATE, json(state));
        labels.put(Labels.STEP, step.length() > 200 ? step.substring(0, 200) : step);
        labels.put(Labels.BUILD, build);
        String imageId = runtime.commit(containerId, base.withLabels(labels), quiescent);
        runtime.tag(imageId, REPOSITORY + repositoryName(image.substring(image.lastIndexOf('/') + 1)) + ":"
                + key.substring(0, 12));
        return imageId;
    }

    /** A name usable as a repository path component. */
    public static String repositoryName(String name) {
        String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[._-]+|[._-]+$", "");
        return cleaned.isEmpty() ? "build" : cleaned;
    }

    public static String json(Map<String, Object> state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("engine state is not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> state(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
