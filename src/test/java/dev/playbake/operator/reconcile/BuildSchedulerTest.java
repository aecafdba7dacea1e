package dev.playbake.operator.reconcile;

import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.imagebuild.PlaybookSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where builds go over three hosts of two slots each: health, the cache's host, load. */
class BuildSchedulerTest {

    private final Map<String, FakeBuilder> builders = Map.of("h1", new FakeBuilder(), "h2", new FakeBuilder(),
            "h3", new FakeBuilder());
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final BuildScheduler scheduler = new BuildScheduler(List.of(host("h1"), host("h2"), host("h3")),
            new MutableClock(), down::contains);
    private final List<TrackedBuild> submitted = new ArrayList<>();

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    void aRebuildGoesToTheHostOfItsCacheAlsoWhenOthersAreIdle() {
        assertEquals("h2", submit(Placement.near("h2")));
        assertEquals("h2", submit(Placement.near("h2")));
        assertEquals("h2", submit(Placement.near("h2")), "one waiting is less than a cold build");
        assertEquals("h2", submit(Placement.near("h2")));
        assertEquals(2, scheduler.queued("h2"));
        assertEquals("h1", submit(Placement.near("h2")), "a round of builds waiting there: the least busy host, cold");
    }

    @Test
    void aHostKnownDownGetsNothingWhileAnotherIsUp() {
        down.add("h2");

        assertFalse(submit(Placement.near("h2")).equals("h2"));
        assertEquals(Set.of("h1", "h3"), hosts(3, Placement.ANY));
        down.addAll(Set.of("h1", "h3"));
        assertEquals(Set.of("h1", "h2", "h3"), hosts(6, Placement.ANY),
                "with every host down, still somewhere: the build fails as HostUnavailable and is retried");
    }

    @Test
    void aBuildLostWithItsHostGoesElsewhereEvenBeforeTheHostIsKnownDown() {
        assertEquals(Set.of("h2", "h3"), hosts(4, Placement.awayFrom("h1")));
        assertTrue(scheduler.anotherHostUp("h1"));
        down.addAll(Set.of("h2", "h3"));
        assertFalse(scheduler.anotherHostUp("h1"));
        assertEquals("h1", submit(Placement.awayFrom("h1")), "the only host up");
    }

    @Test
    void withoutAPreferenceTheLeastBusyHostTakesTheBuild() {
        assertEquals(Set.of("h1", "h2", "h3"), hosts(6, Placement.ANY));
        assertEquals(List.of(0, 0, 0), List.of(scheduler.queued("h1"), scheduler.queued("h2"), scheduler.queued("h3")));
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.running() == 6);
    }

    private Set<String> hosts(int builds, Placement placement) {
        Set<String> hosts = new java.util.HashSet<>();
        for (int i = 0; i < builds; i++) {
            hosts.add(submit(placement));
        }
        return hosts;
    }

    private String submit(Placement placement) {
        int n = submitted.size();
        BuildRequest request = BuildRequest.builder("b-" + n, "default/b" + n,
                new PlaybookSource("playbook.yml", "- hosts: all\n", Map.of()), "debian:12")
                .tags(List.of("127.0.0.1:5000/b:" + n)).build();
        BuildPlan plan = new BuildPlan("default/b" + n, new BuildEvents.EventTarget("default", "b" + n, "uid-" + n),
                request, "hash", "sha", 1, 1, 0, Duration.ofSeconds(1), BuildReason.InputsChanged);
        TrackedBuild build = scheduler.submit(plan, placement, () -> { }, ended -> { });
        submitted.add(build);
        return build.snapshot().host();
    }

    private BuildHost host(String name) {
        return new BuildHost(name, 2, builders.get(name));
    }
}
