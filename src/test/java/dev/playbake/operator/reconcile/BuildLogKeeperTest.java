package dev.playbake.operator.reconcile;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logs are stored as they grow and whole at the end, pruned to the history, and only while this replica leads. */
class BuildLogKeeperTest {

    private final Map<String, BuildLogs.Stored> stored = new ConcurrentHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final BuildLogs store = new BuildLogs() {
        @Override
        public synchronized void save(Key key, BuildLog log, boolean complete) {
            stored.put(key.buildId(), new Stored(key, complete, log.text()));
            calls.add("save " + key.buildId() + (complete ? " complete" : ""));
        }

        @Override
        public synchronized void prune(String uid, int keep) {
            calls.add("prune " + uid + " " + keep);
        }

        @Override
        public synchronized void deleteAll(String uid) {
            calls.add("delete " + uid);
        }

        @Override
        public List<Stored> list(String uid) {
            return List.copyOf(stored.values());
        }

        @Override
        public Optional<Stored> read(String uid, String buildId) {
            return Optional.ofNullable(stored.get(buildId));
        }
    };
    private final BuildLogs.Key key = new BuildLogs.Key("team-a", "web", "uid-1", "web-0000abcd", 4, 1);

    @Test
    void aRunningBuildsLogIsStoredWhenItGrewAndWholeWhenItEnds() {
        AtomicBoolean leads = new AtomicBoolean(true);
        try (BuildLogKeeper keeper = new BuildLogKeeper(store, leads::get, 5, Duration.ofMillis(20))) {
            BuildLog log = new BuildLog();
            log.append("first");
            keeper.started(key, log);
            await().atMost(Duration.ofSeconds(5)).until(() -> stored.containsKey(key.buildId()));
            assertEquals("first\n", stored.get(key.buildId()).text());
            int saves = saves();
            sleep(100);
            assertEquals(saves, saves(), "an unchanged log is not written again");

            log.append("second");
            keeper.ended(key, log);

            assertEquals("first\nsecond\n", stored.get(key.buildId()).text());
            assertTrue(stored.get(key.buildId()).complete());
            assertEquals("prune uid-1 5", calls.get(calls.size() - 1));
            int ended = calls.size();
            log.append("late");
            sleep(100);
            assertEquals(ended, calls.size(), "an ended build is not written again");
        }
    }

    @Test
    void aReplicaThatDoesNotLeadWritesNothing() {
        try (BuildLogKeeper keeper = new BuildLogKeeper(store, () -> false, 5, Duration.ofMillis(20))) {
            BuildLog log = new BuildLog();
            log.append("x");
            keeper.started(key, log);
            sleep(100);
            keeper.ended(key, log);
            keeper.deleted("uid-1");
        }

        assertEquals(List.of(), calls);
    }

    @Test
    void aDeletedImageBuildsRunningLogIsNotWrittenAgain() {
        try (BuildLogKeeper keeper = new BuildLogKeeper(store, () -> true, 5, Duration.ofMillis(20))) {
            BuildLog log = new BuildLog();
            log.append("x");
            keeper.started(key, log);
            await().atMost(Duration.ofSeconds(5)).until(() -> stored.containsKey(key.buildId()));

            keeper.deleted("uid-1");
            int after = calls.size();
            log.append("ended after 1s: canceled: the ImageBuild was deleted");
            sleep(100);

            assertEquals("delete uid-1", calls.get(after - 1));
            assertEquals(after, calls.size(), "no write after the removal");
        }
    }

    @Test
    void noHistoryKeepsNoLog() {
        try (BuildLogKeeper keeper = new BuildLogKeeper(store, () -> true, 0, Duration.ofMillis(20))) {
            BuildLog log = new BuildLog();
            keeper.started(key, log);
            keeper.ended(key, log);
        }

        assertEquals(List.of(), calls);
    }

    private synchronized int saves() {
        return (int) calls.stream().filter(c -> c.startsWith("save")).count();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
