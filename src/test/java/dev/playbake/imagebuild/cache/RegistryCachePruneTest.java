package dev.playbake.imagebuild.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RegistryCachePruneTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    /** A snapshot of {@code build} by {@code owner}, {@code hoursAgo} old, on layers base, then {@code own}. */
    private static RegistryCachePrune.Snapshot snapshot(String tag, String build, String owner, int hoursAgo,
                                                        String... own) {
        List<String> layers = new ArrayList<>(List.of("base"));
        layers.addAll(List.of(own));
        Map<String, Long> blobs = new HashMap<>();
        layers.forEach(layer -> blobs.put(layer, 10L));
        blobs.put("config-" + tag, 1L);
        return new RegistryCachePrune.Snapshot(tag, "digest-" + tag, build, owner, NOW.minus(Duration.ofHours(hoursAgo)),
                blobs, layers);
    }

    private static List<String> tags(List<RegistryCachePrune.Snapshot> removed) {
        return removed.stream().map(RegistryCachePrune.Snapshot::tag).toList();
    }

    // web: b1 made a1, a2 (one container); b2 resumed from a1 and made a3; b3 (newest) resumed from a3 and made a4
    private final List<RegistryCachePrune.Snapshot> web = List.of(
            snapshot("a1", "b1", "ns/web", 30, "l1"),
            snapshot("a2", "b1", "ns/web", 30, "l2"),
            snapshot("a3", "b2", "ns/web", 20, "l1", "l3"),
            snapshot("a4", "b3", "ns/web", 10, "l1", "l3", "l4"),
            snapshot("c1", "c", "ns/db", 40, "m1"));

    @Test
    void withoutFiltersEverythingButTheNewestBuildOfEachOwnerAndWhatItStandsOnGoes() {
        List<RegistryCachePrune.Snapshot> removed = RegistryCachePrune.select(web,
                new RegistryCachePrune.Policy(Optional.empty(), false, Optional.of(Duration.ZERO), OptionalLong.empty()),
                NOW);
        assertEquals(List.of("a2"), tags(removed), "a1 and a3 are under a4; c1 is db's newest");
    }

    @Test
    void theOperatorNamesTheBuildsThatStay() {
        List<RegistryCachePrune.Snapshot> removed = RegistryCachePrune.select(web,
                new RegistryCachePrune.Policy(Optional.of(Set.of("b2")), false, Optional.of(Duration.ZERO),
                        OptionalLong.empty()), NOW);
        assertEquals(List.of("c1", "a2", "a4"), tags(removed));
    }

    @Test
    void retentionRemovesOnlyTheOldOnes() {
        List<RegistryCachePrune.Snapshot> removed = RegistryCachePrune.select(web,
                new RegistryCachePrune.Policy(Optional.of(Set.of()), false, Optional.of(Duration.ofHours(25)),
                        OptionalLong.empty()), NOW);
        assertEquals(List.of("c1", "a1", "a2"), tags(removed));
    }

    @Test
    void aBudgetRemovesTheOldestUntilTheBlobsFitEachBlobCountedOnce() {
        // blobs: base l1 l2 l3 l4 m1 (60) and five configs (5): 65
        assertEquals(65, RegistryCachePrune.bytes(web));
        List<RegistryCachePrune.Snapshot> removed = RegistryCachePrune.select(web,
                new RegistryCachePrune.Policy(Optional.of(Set.of("b3")), false, Optional.empty(), OptionalLong.of(50)),
                NOW);
        assertEquals(List.of("c1", "a2"), tags(removed), "m1 and c1's config, then l2 and a2's: 65 - 22 = 43");
    }

    @Test
    void allRemovesEverySnapshot() {
        assertEquals(5, RegistryCachePrune.select(web, new RegistryCachePrune.Policy(Optional.empty(), true,
                Optional.of(Duration.ZERO), OptionalLong.empty()), NOW).size());
    }
}
