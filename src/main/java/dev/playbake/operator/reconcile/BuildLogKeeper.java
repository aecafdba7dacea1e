package dev.playbake.operator.reconcile;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stores the logs of running builds every few seconds, so a reader follows a build as it runs and a leader that
 * dies loses at most that much, and each build's whole log when it ends; keeps as many per ImageBuild as status
 * lists in its history. Writes only while this replica leads.
 */
public final class BuildLogKeeper implements AutoCloseable {

    /** How often the logs of running builds are stored when they grew. */
    public static final Duration INTERVAL = Duration.ofSeconds(3);

    private static final Logger LOG = Logger.getLogger(BuildLogKeeper.class);

    private final BuildLogs store;
    private final Leadership leadership;
    private final int keep;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService writer;

    /** @param keep how many builds' logs to keep per ImageBuild; 0 keeps none */
    public BuildLogKeeper(BuildLogs store, Leadership leadership, int keep, Duration interval) {
        this.store = store;
        this.leadership = leadership;
        this.keep = keep;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "playbake-build-logs");
            thread.setDaemon(true);
            return thread;
        });
        if (keep > 0) {
            writer.scheduleWithFixedDelay(this::storeRunning, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Keeps no logs and lists no history. */
    public static BuildLogKeeper none() {
        return new BuildLogKeeper(BuildLogs.NONE, Leadership.SOLE, 0, Duration.ofDays(1));
    }

    /** How many ended builds each ImageBuild's history lists. */
    public int keep() {
        return keep;
    }

    /** Stores this build's log while it runs. */
    public void started(BuildLogs.Key key, BuildLog log) {
        if (keep > 0) {
            running.put(key.buildId(), new Running(key, log));
        }
    }

    /** Stores the build's whole log, now that it ended, and drops the oldest beyond {@code keep}. */
    public void ended(BuildLogs.Key key, BuildLog log) {
        Running build = running.remove(key.buildId());
        if (keep == 0 || !leadership.held()) {
            return;
        }
        synchronized (build != null ? build : log) {
            try {
                store.save(key, log, true);
                store.prune(key.uid(), keep);
            } catch (RuntimeException e) {
                LOG.warnf("%s/%s: could not store the log of build %s: %s", key.namespace(), key.name(), key.buildId(),
                        e.getMessage());
            }
        }
    }

    /** The ImageBuild was deleted: its logs go with it, a running build's too, and none is written again. */
    public void deleted(String uid) {
        List<Running> stopped = running.values().stream().filter(b -> b.key.uid().equals(uid)).toList();
        stopped.forEach(b -> running.remove(b.key.buildId()));
        stopped.forEach(b -> {
            synchronized (b) {
                // waits for a write of it under way, which would otherwise land after the removal
            }
        });
        if (keep > 0 && leadership.held()) {
            try {
                store.deleteAll(uid);
            } catch (RuntimeException e) {
                LOG.warnf("could not remove the build logs of ImageBuild %s: %s", uid, e.getMessage());
            }
        }
    }

    private void storeRunning() {
        if (!leadership.held()) {
            return;
        }
        for (Running build : running.values()) {
            synchronized (build) {
                long version = build.log.version();
                if (version == build.stored || !running.containsKey(build.key.buildId())) {
                    continue;
                }
                try {
                    store.save(build.key, build.log, false);
                    build.stored = version;
                } catch (RuntimeException e) {
                    LOG.debugf("could not store the log of running build %s: %s", build.key.buildId(), e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }

    /** A running build's log and the version of it last stored. */
    private static final class Running {
        final BuildLogs.Key key;
        final BuildLog log;
        long stored = -1;

        Running(BuildLogs.Key key, BuildLog log) {
            this.key = key;
            this.log = log;
        }
    }
}
