package dev.playbake.imagebuild.cache;

import dev.playbake.runtime.ContainerRuntime;
import dev.playbake.runtime.ContainerSummary;
import dev.playbake.runtime.ImageInfo;
import dev.playbake.runtime.ImageSummary;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The snapshots on a container runtime: listing them for people, and collecting those no build can reach. */
public final class CacheInventory {

    /**
     * One snapshot.
     *
     * @param id        image ID
     * @param name      its readable reference ({@code playbake-cache/web:1a2b3c4d5e6f})
     * @param step      the step it follows ({@code 3/12 install nginx})
     * @param build     the build that made it
     * @param sizeBytes its size
     * @param created   when it was committed
     * @param parentId  the image it was committed on
     */
    public record Snapshot(String id, String name, String step, String build, long sizeBytes, Instant created,
                           String parentId) {
    }

    private final ContainerRuntime runtime;

    public CacheInventory(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    /** Every snapshot, oldest first. */
    public List<Snapshot> list() {
        return list(Labels.CACHE_KEY);
    }

    /** The snapshots that also carry {@code label} ({@code key=value}), oldest first. */
    List<Snapshot> list(String label) {
        List<Snapshot> snapshots = new ArrayList<>();
        for (ImageSummary image : runtime.imagesLabelled(label)) {
            Map<String, String> labels = image.labels();
            if (labels.getOrDefault(Labels.CACHE_KEY, "").isEmpty()) {
                continue;  // a final image: it carries the label blanked
            }
            String name = image.tags().isEmpty() ? "<none>" : image.tags().stream()
                    .filter(t -> t.startsWith(LayerCache.REPOSITORY)).findFirst().orElse(image.tags().get(0));
            snapshots.add(new Snapshot(image.id(), name, labels.getOrDefault(Labels.STEP, ""),
                    labels.getOrDefault(Labels.BUILD, ""), image.size(), created(image), image.parentId()));
        }
        snapshots.sort(Comparator.comparing(Snapshot::created));
        return snapshots;
    }

    /**
     * The debug images ({@code -failed}) that also carry {@code label}, as snapshots: a failed build's container
     * committed on the image it ran on; named by their tag.
     */
    List<Snapshot> debugImages(String label) {
        int eq = label.indexOf('=');
        String key = label.substring(0, eq);
        String value = label.substring(eq + 1);
        List<Snapshot> images = new ArrayList<>();
        for (ImageSummary image : runtime.imagesLabelled(Labels.DEBUG_IMAGE + "=true")) {
            Map<String, String> labels = image.labels();
            if (value.equals(labels.get(key))) {
                images.add(new Snapshot(image.id(), image.tags().isEmpty() ? "<none>" : image.tags().get(0),
                        "debug image", labels.getOrDefault(Labels.BUILD, ""), image.size(), created(image),
                        image.parentId()));
            }
        }
        return images;
    }

    /** When the image was made, to the nanosecond: listings give seconds, and builds a second apart must order. */
    private Instant created(ImageSummary image) {
        return runtime.inspectImage(image.id()).map(ImageInfo::created).orElse(image.created());
    }

    /**
     * Removes snapshots no recent build can reach: everything except the newest build's snapshots of
     * each cache repository and their ancestors ({@code all}: everything), never one a container uses
     * or a kept image stands on, and only those older than {@code olderThan} when given.
     * Returns what was removed.
     */
    public List<Snapshot> prune(boolean all, Optional<Duration> olderThan, Instant now) {
        List<Snapshot> snapshots = list();
        Map<String, Snapshot> byId = new HashMap<>();
        snapshots.forEach(s -> byId.put(s.id(), s));
        Set<String> keep = new HashSet<>();
        if (!all) {
            Map<String, Snapshot> newestPerRepository = new HashMap<>();
            for (Snapshot s : snapshots) {
                newestPerRepository.merge(repository(s.name()), s,
                        (a, b) -> a.created().isAfter(b.created()) ? a : b);
            }
            Set<String> recentBuilds = new HashSet<>();
            newestPerRepository.values().forEach(s -> recentBuilds.add(s.build()));
            snapshots.stream().filter(s -> recentBuilds.contains(s.build())).forEach(s -> keep.add(s.id()));
        }
        keep.addAll(inUse());
        Set<String> reachable = withAncestors(keep, byId);
        List<Snapshot> removed = new ArrayList<>();
        List<Snapshot> candidates = new ArrayList<>(snapshots);
        candidates.sort(Comparator.comparing(Snapshot::created).reversed());  // children before parents
        for (Snapshot s : candidates) {
            boolean oldEnough = olderThan.map(age -> s.created().isBefore(now.minus(age))).orElse(true);
            if (!reachable.contains(s.id()) && oldEnough && !hasKeptChild(s, candidates, reachable)) {
                runtime.removeImage(s.id());
                removed.add(s);
            }
        }
        return removed;
    }

    /** What containers and finished images stand on: never removed. */
    Set<String> inUse() {
        Set<String> used = new HashSet<>();
        for (ContainerSummary container : runtime.containersLabelled(Labels.BUILD)) {
            used.add(container.imageId());
        }
        for (ImageSummary image : runtime.imagesLabelled(Labels.IMAGE_KEY)) {
            if (!image.parentId().isEmpty()) {
                used.add(image.parentId());
            }
        }
        return used;
    }

    /** {@code ids} and every snapshot they stand on. */
    static Set<String> withAncestors(Set<String> ids, Map<String, Snapshot> byId) {
        Set<String> reachable = new HashSet<>();
        for (String id : ids) {
            for (String current = id; current != null && !current.isEmpty() && reachable.add(current); ) {
                Snapshot s = byId.get(current);
                current = s == null ? null : s.parentId();
            }
        }
        return reachable;
    }

    /** The artifact manifests images on the host still name (snapshots and finished images alike). */
    public Set<String> artifactManifestsInUse() {
        Set<String> digests = new HashSet<>();
        for (ImageSummary image : runtime.imagesLabelled(Labels.ARTIFACTS)) {
            String digest = image.labels().getOrDefault(Labels.ARTIFACTS, "");
            if (!digest.isEmpty()) {
                digests.add(digest);
            }
        }
        return digests;
    }

    private static boolean hasKeptChild(Snapshot parent, List<Snapshot> all, Set<String> reachable) {
        return all.stream().anyMatch(s -> s.parentId().equals(parent.id()) && reachable.contains(s.id()));
    }

    private static String repository(String name) {
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }
}
