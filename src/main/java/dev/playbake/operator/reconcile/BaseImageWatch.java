package dev.playbake.operator.reconcile;

import dev.playbake.image.RegistryCredentials;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Looks up the base image digests of the ImageBuilds that ask for it, each at its own interval, on threads of its
 * own: a slow or dead registry never holds up a reconcile. It only keeps what it found and tells a listener; the
 * reconciler decides (with {@link BaseImageUpdate}) and writes.
 */
public final class BaseImageWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BaseImageWatch.class);
    /** Two, so that one lookup waiting on a dead registry does not delay every other. */
    private static final int THREADS = 2;

    private final BaseImageLookup lookup;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(THREADS, runnable -> {
        Thread thread = new Thread(runnable, "playbake-base-images");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public BaseImageWatch(BaseImageLookup lookup) {
        this.lookup = lookup;
    }

    /**
     * What to look up for one ImageBuild and how often.
     *
     * @param reference   spec.baseImage
     * @param credentials the ImageBuild's own credentials for its registry, if it has any
     * @param interval    time between two lookups
     */
    public record Subject(String reference, Optional<RegistryCredentials> credentials, Duration interval) {
    }

    /** Hears every check of one ImageBuild, from the watch's threads. */
    @FunctionalInterface
    public interface Listener {

        /** @param previous the check before this one, if there was one since the watch (re)started */
        void checked(BaseImageCheck check, Optional<BaseImageCheck> previous);
    }

    /**
     * Looks the subject up every interval, the first time one interval from now; an owner watched with the same
     * subject already keeps its schedule, one with another starts anew.
     */
    public void watch(String owner, Subject subject, Listener listener) {
        entries.compute(owner, (key, existing) -> {
            if (existing != null && existing.subject.equals(subject)) {
                return existing;
            }
            if (existing != null) {
                existing.future.cancel(false);
            }
            Entry entry = new Entry(subject, listener);
            long millis = subject.interval().toMillis();
            entry.future = executor.scheduleWithFixedDelay(() -> check(owner, entry), millis, millis,
                    TimeUnit.MILLISECONDS);
            return entry;
        });
    }

    /** Stops looking up the owner's base image (the spec no longer asks, the ImageBuild is gone or cannot build). */
    public void forget(String owner) {
        Optional.ofNullable(entries.remove(owner)).ifPresent(entry -> entry.future.cancel(false));
    }

    /** The newest check since the owner's last build started, if any. */
    public Optional<BaseImageCheck> latest(String owner) {
        return Optional.ofNullable(entries.get(owner)).flatMap(Entry::latest);
    }

    /** A build of the owner starts: what was seen before it says nothing about the base image it will pull. */
    public void buildStarted(String owner) {
        Optional.ofNullable(entries.get(owner)).ifPresent(Entry::buildStarted);
    }

    /** Runs the owner's next check now, on the caller's thread, for tests; nothing when it is not watched. */
    void checkNow(String owner) {
        Optional.ofNullable(entries.get(owner)).ifPresent(entry -> check(owner, entry));
    }

    private void check(String owner, Entry entry) {
        long epoch = entry.epoch();
        BaseImageCheck check;
        try {
            check = lookup.lookup(entry.subject.reference(), entry.subject.credentials());
        } catch (RuntimeException e) {
            // a throw would end this schedule for good; the lookup promises none, so this is a bug: say it, go on
            LOG.errorf(e, "%s: the base image lookup of %s threw", owner, entry.subject.reference());
            check = new BaseImageCheck.Failed(entry.subject.reference(), "digest lookup of "
                    + entry.subject.reference() + " failed unexpectedly: " + e);
        }
        Optional<BaseImageCheck> previous = entry.record(epoch, check);
        try {
            entry.listener.checked(check, previous);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: handling the base image check of %s threw", owner, entry.subject.reference());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** One owner's schedule and what its checks found. */
    private static final class Entry {
        private final Subject subject;
        private final Listener listener;
        private ScheduledFuture<?> future;
        private long epoch;
        private Optional<BaseImageCheck> latest = Optional.empty();
        private Optional<BaseImageCheck> previous = Optional.empty();

        Entry(Subject subject, Listener listener) {
            this.subject = subject;
            this.listener = listener;
        }

        synchronized long epoch() {
            return epoch;
        }

        synchronized Optional<BaseImageCheck> latest() {
            return latest;
        }

        synchronized void buildStarted() {
            epoch++;
            latest = Optional.empty();
        }

        /** Keeps the check as the latest unless a build started while it ran; returns the check before it. */
        synchronized Optional<BaseImageCheck> record(long startedIn, BaseImageCheck check) {
            if (startedIn == epoch) {
                latest = Optional.of(check);
            }
            Optional<BaseImageCheck> before = previous;
            previous = Optional.of(check);
            return before;
        }
    }
}
