package dev.playbake.imagebuild.cache;

import dev.playbake.runtime.ContainerRuntime;
import dev.playbake.runtime.ContainerSummary;
import dev.playbake.runtime.ImageInfo;
import dev.playbake.runtime.ImageSummary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The snapshots on a container runtime: listing them for people, and collecting those no build can reach. */
public final class CacheInventory {

    /**
     * One snapshot.
     *
     * @param id        image ID
     * @param name      its readable reference ({@code playbake-cache/web:1a2b3c4d5e6f})
     * @param image     the repository of the image its build makes ({@link Labels#IMAGE}; for a snapshot made
     *                  before that label, the name its tag gives)
     * @param step      the step it follows ({@code 3/12 install nginx})
     * @param build     the build that made it
     * @param sizeBytes its size with the images under it
     * @param created   when it was committed
     * @param parentId  the image it was committed on
     */
    public record Snapshot(String id, String name, String image, String step, String build, long sizeBytes,
                           Instant created, String parentId) {
    }

    /**
     * The snapshots as read at one moment, so several questions (what would prune free, per image) cost one read.
     *
     * @param snapshots every snapshot, oldest first
     * @param added     what each adds to the image it was committed on, by ID: the disk a removal frees
     * @param inUse     the images containers and finished images stand on
     */
    public record Census(List<Snapshot> snapshots, Map<String, Long> added, Set<String> inUse) {

        public Census {
            snapshots = List.copyOf(snapshots);
            added = Map.copyOf(added);
            inUse = Set.copyOf(inUse);
        }

        /** The snapshots of one image, oldest first. */
        public List<Snapshot> of(String image) {
            return snapshots.stream().filter(s -> s.image().equals(image)).toList();
        }

        /** The images that have snapshots, sorted. */
        public SortedSet<String> images() {
            return snapshots.stream().map(Snapshot::image).collect(Collectors.toCollection(TreeSet::new));
        }

        /** What the snapshots add up to. */
        public long bytes(Collection<Snapshot> some) {
            return some.stream().mapToLong(s -> added.getOrDefault(s.id(), 0L)).sum();
        }

        /**
         * What a prune in this scope removes, children before parents: never a snapshot a container or a finished
         * image stands on, nor one that another image's snapshot stands on when the scope names images, and
         * without {@code all} nothing the newest build of each image reaches.
         */
        public List<Snapshot> removable(PruneScope scope, Instant now) {
            Map<String, Snapshot> byId = new HashMap<>();
            snapshots.forEach(s -> byId.put(s.id(), s));
            Set<String> keep = new HashSet<>(inUse);
            snapshots.stream().filter(s -> !scope.covers(s.image())).forEach(s -> keep.add(s.id()));
            if (!scope.all()) {
                Map<String, Snapshot> newestPerImage = new HashMap<>();
                snapshots.forEach(s -> newestPerImage.merge(s.image(), s,
                        (a, b) -> a.created().isAfter(b.created()) ? a : b));
                Set<String> recentBuilds = new HashSet<>();
                newestPerImage.values().forEach(s -> recentBuilds.add(s.build()));
                snapshots.stream().filter(s -> recentBuilds.contains(s.build())).forEach(s -> keep.add(s.id()));
            }
            Set<String> reachable = withAncestors(keep, byId);
            Map<String, List<String>> children = new HashMap<>();
            snapshots.forEach(s -> children.computeIfAbsent(s.parentId(), id -> new ArrayList<>()).add(s.id()));
            Set<String> removed = new HashSet<>();
            List<Snapshot> order = new ArrayList<>();
            List<Snapshot> newestFirst = new ArrayList<>(snapshots);
            newestFirst.sort(Comparator.comparing(Snapshot::created).reversed());  // children before parents
            for (Snapshot s : newestFirst) {
                boolean oldEnough = scope.olderThan().map(age -> s.created().isBefore(now.minus(age))).orElse(true);
                boolean childrenGo = removed.containsAll(children.getOrDefault(s.id(), List.of()));
                if (!reachable.contains(s.id()) && oldEnough && childrenGo) {
                    removed.add(s.id());
                    order.add(s);
                }
            }
            return order;
        }
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
            Optional<String> tag = image.tags().stream().filter(t -> t.startsWith(LayerCache.REPOSITORY)).findFirst();
            String name = tag.or(() -> image.tags().stream().findFirst()).orElse("<none>");
            String built = labels.getOrDefault(Labels.IMAGE, "");
            snapshots.add(new Snapshot(image.id(), name, built.isEmpty() ? tag.map(CacheInventory::nameOfTag).orElse("")
                    : built, labels.getOrDefault(Labels.STEP, ""), labels.getOrDefault(Labels.BUILD, ""), image.size(),
                    created(image), image.parentId()));
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
                        labels.getOrDefault(Labels.IMAGE, ""), "debug image", labels.getOrDefault(Labels.BUILD, ""),
                        image.size(), created(image), image.parentId()));
            }
        }
        return images;
    }

    /** Every snapshot with what it adds and what stands on it, read now. */
    public Census census() {
        List<Snapshot> snapshots = list();
        return new Census(snapshots, added(snapshots), inUse());
    }

    /** When the image was made, to the nanosecond: listings give seconds, and builds a second apart must order. */
    private Instant created(ImageSummary image) {
        return runtime.inspectImage(image.id()).map(ImageInfo::created).orElse(image.created());
    }

    /**
     * Removes what a prune in {@code scope} may ({@link Census#removable}) and returns what went; a snapshot a build
     * started on meanwhile stays, and so do the snapshots under it.
     */
    public List<Snapshot> prune(PruneScope scope, Instant now) {
        return prune(census(), scope, now);
    }

    /** The same, from a census just read: the caller that also reports sizes need not read the host twice. */
    public List<Snapshot> prune(Census census, PruneScope scope, Instant now) {
        List<Snapshot> removed = new ArrayList<>();
        for (Snapshot s : census.removable(scope, now)) {
            try {
                runtime.removeImage(s.id());
                removed.add(s);
            } catch (RuntimeException inUseMeanwhile) {
                // the runtime refused: it stays, and its parents then have a child and are refused too
            }
        }
        return removed;
    }

    /** Each snapshot's own bytes by ID: its size less the size of the image it was committed on. */
    Map<String, Long> added(List<Snapshot> snapshots) {
        Map<String, Long> sizes = new HashMap<>();
        snapshots.forEach(s -> sizes.put(s.id(), s.sizeBytes()));
        Map<String, Long> added = new HashMap<>();
        for (Snapshot s : snapshots) {
            long parent = s.parentId().isEmpty() ? 0 : sizes.computeIfAbsent(s.parentId(),
                    id -> runtime.inspectImage(id).map(ImageInfo::size).orElse(0L));
            added.put(s.id(), Math.max(0, s.sizeBytes() - parent));
        }
        return added;
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

    /** The image name a snapshot's tag gives ({@code playbake-cache/web:1a2b} is {@code web}). */
    private static String nameOfTag(String tag) {
        String rest = tag.substring(LayerCache.REPOSITORY.length());
        int colon = rest.lastIndexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }
}
