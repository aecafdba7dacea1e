package dev.playbake.imagebuild.cache;

import dev.playbake.image.ImageReference;
import dev.playbake.image.RegistryApi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Collects a registry cache repository ({@code REPO:<key>} snapshots) as {@link CacheBudget} collects a host: the
 * newest build's snapshots of each ImageBuild (or the CLI) stay, with every snapshot they were built on; of the
 * others, those older than the retention go, then the oldest until the repository fits its budget. A delete removes
 * a manifest and its tag; the blobs no manifest names any more go at the registry's own garbage collection.
 */
public final class RegistryCachePrune {

    /**
     * One snapshot in the repository.
     *
     * @param tag     its tag, the cache key
     * @param digest  its manifest's digest
     * @param build   the build that made it ({@code playbake.dev/build})
     * @param owner   whose build it was ({@code playbake.dev/owner}: {@code namespace/name}, {@code cli})
     * @param created when it was committed
     * @param blobs   the blobs it references, with their sizes
     * @param layers  its layers, bottom first
     */
    public record Snapshot(String tag, String digest, String build, String owner, Instant created,
                           Map<String, Long> blobs, List<String> layers) {
        public Snapshot {
            blobs = Map.copyOf(blobs);
            layers = List.copyOf(layers);
        }
    }

    /**
     * What to remove.
     *
     * @param keepBuilds the builds whose snapshots stay (the operator's newest and running builds); empty: the newest
     *                   build of each owner found in the repository
     * @param all        keep nothing: every snapshot goes (the CLI's {@code --all})
     * @param retention  every snapshot not kept that is older than this goes
     * @param budget     then the oldest not kept go until the repository's blobs take at most this many bytes
     */
    public record Policy(Optional<Set<String>> keepBuilds, boolean all, Optional<Duration> retention,
                         OptionalLong budget) {
        public Policy {
            keepBuilds = keepBuilds.map(Set::copyOf);
        }
    }

    /**
     * What one collection found and did.
     *
     * @param snapshots   the snapshots the repository held
     * @param bytesBefore what their blobs took (each blob once)
     * @param bytesAfter  what the remaining ones take
     * @param removed     the snapshots deleted
     */
    public record Collection(int snapshots, long bytesBefore, long bytesAfter, List<Snapshot> removed) {
        public Collection {
            removed = List.copyOf(removed);
        }
    }

    private final RegistryApi api;

    public RegistryCachePrune(RegistryApi api) {
        this.api = api;
    }

    /**
     * Reads every snapshot of {@code repository} (a reference without tag) and deletes those the policy selects;
     * {@code deleted} hears of each as it goes. Tags that are no snapshot of playbake's (no cache-key label) stay.
     */
    public Collection collect(String repository, Policy policy, Instant now, Consumer<Snapshot> deleted) {
        String path = RegistryApi.path(ImageReference.parse(repository));
        List<Snapshot> snapshots = new ArrayList<>();
        for (String tag : api.tags(path)) {
            api.manifest(path, tag).ifPresent(manifest -> {
                RegistryApi.ImageConfig config = api.config(path, manifest.configDigest());
                if (!config.labels().getOrDefault(Labels.CACHE_KEY, "").isEmpty()) {
                    snapshots.add(new Snapshot(tag, manifest.digest(), config.labels().getOrDefault(Labels.BUILD, ""),
                            config.labels().getOrDefault(Labels.OWNER, ""), config.created(), manifest.blobs(),
                            manifest.layers()));
                }
            });
        }
        List<Snapshot> removed = new ArrayList<>();
        for (Snapshot s : select(snapshots, policy, now)) {
            api.delete(path, s.digest());
            removed.add(s);
            deleted.accept(s);
        }
        List<Snapshot> left = new ArrayList<>(snapshots);
        left.removeAll(removed);
        return new Collection(snapshots.size(), bytes(snapshots), bytes(left), removed);
    }

    /** The snapshots the policy removes, oldest first. */
    static List<Snapshot> select(List<Snapshot> snapshots, Policy policy, Instant now) {
        Set<String> keepBuilds = policy.all() ? Set.of()
                : policy.keepBuilds().orElseGet(() -> newestBuildPerOwner(snapshots));
        List<Snapshot> kept = snapshots.stream().filter(s -> keepBuilds.contains(s.build())).toList();
        Set<String> keptDigests = new HashSet<>();
        kept.forEach(s -> keptDigests.add(s.digest()));
        // what a kept snapshot was built on: its layers start with all of the other's
        snapshots.stream().filter(s -> kept.stream().anyMatch(k -> startsWith(k.layers(), s.layers())))
                .forEach(s -> keptDigests.add(s.digest()));
        List<Snapshot> candidates = new ArrayList<>(snapshots.stream()
                .filter(s -> !keptDigests.contains(s.digest())).toList());
        candidates.sort(Comparator.comparing(Snapshot::created));
        List<Snapshot> removed = new ArrayList<>();
        policy.retention().ifPresent(age -> candidates.stream()
                .filter(s -> s.created().isBefore(now.minus(age))).forEach(removed::add));
        candidates.removeAll(removed);
        if (policy.budget().isPresent()) {
            List<Snapshot> left = new ArrayList<>(snapshots);
            left.removeAll(removed);
            for (Snapshot oldest : candidates) {
                if (bytes(left) <= policy.budget().getAsLong()) {
                    break;
                }
                left.remove(oldest);
                removed.add(oldest);
            }
        }
        return removed;
    }

    /** What the snapshots' blobs take, each blob once, as the registry stores them. */
    static long bytes(List<Snapshot> snapshots) {
        Map<String, Long> blobs = new HashMap<>();
        snapshots.forEach(s -> blobs.putAll(s.blobs()));
        return blobs.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Set<String> newestBuildPerOwner(List<Snapshot> snapshots) {
        Map<String, Snapshot> newest = new HashMap<>();
        snapshots.forEach(s -> newest.merge(s.owner(), s, (a, b) -> a.created().isAfter(b.created()) ? a : b));
        Set<String> builds = new HashSet<>();
        newest.values().forEach(s -> builds.add(s.build()));
        return builds;
    }

    private static boolean startsWith(List<String> layers, List<String> prefix) {
        return prefix.size() <= layers.size() && layers.subList(0, prefix.size()).equals(prefix);
    }
}
