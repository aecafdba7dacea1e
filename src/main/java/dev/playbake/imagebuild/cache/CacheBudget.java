package dev.playbake.imagebuild.cache;

import dev.playbake.runtime.ContainerRuntime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps the snapshots and debug images that carry one label (an operator's instance) on a runtime within a storage
 * budget, as BuildKit's garbage collection keeps its cache: the oldest one no kept build stands on goes first,
 * children before their parents, never one a container or a finished image uses, until the rest fit.
 */
public final class CacheBudget {

    /**
     * What one collection found and did.
     *
     * @param bytesBefore what the snapshots and debug images took before, each counted by what it adds to the
     *                    image it stands on
     * @param bytesAfter  what they take now
     * @param removed     snapshots and debug images removed
     */
    public record Collection(long bytesBefore, long bytesAfter, int removed) {
    }

    private final ContainerRuntime runtime;
    private final String label;

    /** @param label {@code key=value} every snapshot this budget covers carries */
    public CacheBudget(ContainerRuntime runtime, String label) {
        this.runtime = runtime;
        this.label = label;
    }

    /**
     * Removes snapshots and debug images until those left take at most {@code budgetBytes}, sparing those of the
     * builds in {@code keepBuilds} (by build ID: the newest build of each ImageBuild) and everything they stand on.
     */
    public Collection collect(long budgetBytes, Set<String> keepBuilds) {
        CacheInventory inventory = new CacheInventory(runtime);
        List<CacheInventory.Snapshot> snapshots = new ArrayList<>(inventory.list(label).stream()
                .filter(s -> !s.id().isEmpty()).toList());
        // a failed build's debug image counts too: the newest build's stays, as its snapshots do
        snapshots.addAll(inventory.debugImages(label));
        Map<String, CacheInventory.Snapshot> byId = snapshots.stream()
                .collect(Collectors.toMap(CacheInventory.Snapshot::id, s -> s, (a, b) -> a, HashMap::new));
        Map<String, Long> own = inventory.added(snapshots);
        long before = own.values().stream().mapToLong(Long::longValue).sum();
        Set<String> keep = new HashSet<>(inventory.inUse());
        snapshots.stream().filter(s -> keepBuilds.contains(s.build())).forEach(s -> keep.add(s.id()));
        Set<String> reachable = CacheInventory.withAncestors(keep, byId);
        long bytes = before;
        int removed = 0;
        while (bytes > budgetBytes) {
            Optional<CacheInventory.Snapshot> oldestLeaf = snapshots.stream()
                    .filter(s -> !reachable.contains(s.id()))
                    .filter(s -> snapshots.stream().noneMatch(child -> child.parentId().equals(s.id())))
                    .min(Comparator.comparing(CacheInventory.Snapshot::created));
            if (oldestLeaf.isEmpty()) {
                break;  // what is left is kept: the budget is smaller than the newest builds need
            }
            try {
                runtime.removeImage(oldestLeaf.get().id());
                snapshots.remove(oldestLeaf.get());
                bytes -= own.get(oldestLeaf.get().id());
                removed++;
            } catch (RuntimeException e) {
                reachable.add(oldestLeaf.get().id());  // a build started on it meanwhile: it and its parents stay
            }
        }
        return new Collection(before, bytes, removed);
    }
}
