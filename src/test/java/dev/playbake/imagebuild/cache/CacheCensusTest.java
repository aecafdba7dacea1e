package dev.playbake.imagebuild.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CacheCensusTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    /** web's old build (w1 on base, w2 on w1), web's new build (w3 on w1), api's build on web's w2. */
    private static final CacheInventory.Snapshot W1 = snapshot("w1", "web", "b1", 50, "base");
    private static final CacheInventory.Snapshot W2 = snapshot("w2", "web", "b1", 40, "w1");
    private static final CacheInventory.Snapshot W3 = snapshot("w3", "web", "b2", 30, "w1");
    private static final CacheInventory.Snapshot A1 = snapshot("a1", "registry.example.com/api", "b3", 20, "w2");
    private static final CacheInventory.Census CENSUS = new CacheInventory.Census(List.of(W1, W2, W3, A1),
            Map.of("w1", 100L, "w2", 10L, "w3", 20L, "a1", 5L), Set.of());

    private static CacheInventory.Snapshot snapshot(String id, String image, String build, int hoursAgo, String parent) {
        return new CacheInventory.Snapshot(id, "playbake-cache/" + id, image, "1/1 step", build, 1000,
                NOW.minus(Duration.ofHours(hoursAgo)), parent);
    }

    private static List<String> ids(List<CacheInventory.Snapshot> snapshots) {
        return snapshots.stream().map(CacheInventory.Snapshot::id).toList();
    }

    @Test
    void pruneKeepsWhatTheNewestBuildOfEachImageReaches() {
        // w2 is web's old build; api's newest build stands on it, so it stays
        assertEquals(List.of(), ids(CENSUS.removable(PruneScope.unreachable(), NOW)));
    }

    @Test
    void pruneAllOfOneImageLeavesWhatAnotherImageStandsOn() {
        PruneScope web = new PruneScope(true, Set.of("web"), Optional.empty());
        assertEquals(List.of("w3"), ids(CENSUS.removable(web, NOW)), "w2 and w1 carry api's snapshot");
        PruneScope api = new PruneScope(true, Set.of("registry.example.com/api"), Optional.empty());
        assertEquals(List.of("a1"), ids(CENSUS.removable(api, NOW)));
    }

    @Test
    void pruneAllRemovesChildrenBeforeParentsAndSparesWhatIsInUse() {
        CacheInventory.Census census = new CacheInventory.Census(CENSUS.snapshots(), CENSUS.added(), Set.of("w3"));
        assertEquals(List.of("a1", "w2"), ids(census.removable(PruneScope.unreachable().withAll(true), NOW)));
        assertEquals(List.of("a1", "w3", "w2", "w1"), ids(CENSUS.removable(PruneScope.unreachable().withAll(true), NOW)));
    }

    @Test
    void anAgeKeepsYoungSnapshotsAndTheParentsTheyStandOn() {
        PruneScope old = new PruneScope(true, Set.of(), Optional.of(Duration.ofHours(35)));
        // w3 (30h) and a1 (20h) are young: w1 carries w3 and w2 carries a1, so nothing goes
        assertEquals(List.of(), ids(CENSUS.removable(old, NOW)));
        PruneScope older = new PruneScope(true, Set.of(), Optional.of(Duration.ofHours(25)));
        assertEquals(List.of("w3"), ids(CENSUS.removable(older, NOW)));
    }

    @Test
    void sizesAreWhatEachSnapshotAdds() {
        assertEquals(135, CENSUS.bytes(CENSUS.snapshots()));
        assertEquals(List.of("registry.example.com/api", "web"), List.copyOf(CENSUS.images()));
        assertEquals(List.of("w1", "w2", "w3"), ids(CENSUS.of("web")));
    }
}
