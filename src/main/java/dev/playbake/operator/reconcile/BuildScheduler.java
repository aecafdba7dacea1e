package dev.playbake.operator.reconcile;

import dev.playbake.imagebuild.BuildFailure;
import dev.playbake.imagebuild.BuildResult;
import dev.playbake.imagebuild.TaskReport;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs builds on the configured Docker hosts: one bounded pool per host (its concurrency), an unbounded queue
 * in front of it. A build goes to the host that holds its cache when that host is up and fewer builds wait there
 * than it runs at once (waiting one round for a resumed build beats a cold one elsewhere), else to the least busy
 * host that is up and not to be avoided. Submitting never blocks; a build's timeout starts when it leaves the
 * queue.
 */
public final class BuildScheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BuildScheduler.class);

    private final List<Slots> hosts;
    private final Set<TrackedBuild> active = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final Predicate<String> hostDown;
    private final List<Consumer<String>> endListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon(runnable, "playbake-build-timeouts"));

    public BuildScheduler(List<BuildHost> hosts, Clock clock) {
        this(hosts, clock, host -> false);
    }

    /** @param hostDown whether a host (by name) is known not to answer: it gets builds only when all are */
    public BuildScheduler(List<BuildHost> hosts, Clock clock, Predicate<String> hostDown) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no Docker host is configured (playbake.operator.hosts)");
        }
        this.hosts = hosts.stream().map(Slots::new).toList();
        this.clock = clock;
        this.hostDown = hostDown;
    }

    /** Queues a build on the least busy host and returns at once; see {@link #submit(BuildPlan, Placement, Runnable, Consumer)}. */
    public TrackedBuild submit(BuildPlan plan, Runnable onChange, Consumer<TrackedBuild> onEnd) {
        return submit(plan, Placement.ANY, onChange, onEnd);
    }

    /**
     * Queues a build where {@code placement} and the hosts' health and load say, and returns at once.
     *
     * @param onChange called on every progress change, from the build thread
     * @param onEnd    called once with the finished build, from the build thread
     */
    public TrackedBuild submit(BuildPlan plan, Placement placement, Runnable onChange, Consumer<TrackedBuild> onEnd) {
        Slots slots = place(placement);
        TrackedBuild build = new TrackedBuild(plan, slots.host.name(), clock, onChange);
        slots.pool.execute(() -> run(slots.host, build, onEnd));
        return build;
    }

    private void run(BuildHost host, TrackedBuild build, Consumer<TrackedBuild> onEnd) {
        BuildResult result;
        if (build.cancellation().isCanceled()) {
            result = new BuildResult.Canceled(build.cancellation().reason().orElseThrow(), List.<TaskReport>of());
        } else {
            active.add(build);
            build.started();
            long timeoutMs = build.plan().request().timeout().toMillis();
            ScheduledFuture<?> timeout = watchdog.schedule(() -> build.cancel(TrackedBuild.CANCELED_TIMEOUT),
                    timeoutMs > 0 ? timeoutMs : Long.MAX_VALUE / 2, TimeUnit.MILLISECONDS);
            try {
                result = host.builder().build(build.plan().request(), build, build.cancellation());
            } catch (RuntimeException e) {
                // Builder promises not to throw for build failures; a throw is a bug or a lost host: keep the operator alive
                LOG.errorf(e, "build %s of %s threw", build.plan().request().buildId(), build.plan().owner());
                result = new BuildResult.Failed(BuildFailure.of(BuildFailure.Reason.HOST_UNAVAILABLE,
                        "the build stopped unexpectedly: " + e), List.of());
            } finally {
                timeout.cancel(false);
                active.remove(build);
            }
        }
        build.finished(result);
        onEnd.accept(build);
        endListeners.forEach(listener -> listener.accept(host.name()));
    }

    /** {@code listener} hears the host's name each time a build ends there, from the build thread: it must not block. */
    public void whenBuildEnds(Consumer<String> listener) {
        endListeners.add(listener);
    }

    private Slots place(Placement placement) {
        List<Slots> up = hosts.stream().filter(s -> !hostDown.test(s.host.name())).toList();
        List<Slots> candidates = up.stream().filter(s -> !placement.avoid().contains(s.host.name())).toList();
        if (candidates.isEmpty()) {
            candidates = up.isEmpty() ? hosts : up;
        }
        Optional<Slots> preferred = placement.preferred().flatMap(name -> hosts.stream()
                .filter(s -> s.host.name().equals(name)).findFirst());
        if (preferred.isPresent() && candidates.contains(preferred.get())
                && preferred.get().pool.getQueue().size() < preferred.get().host.concurrency()) {
            return preferred.get();
        }
        return candidates.stream().min(Comparator.comparingDouble(Slots::load)).orElseThrow();
    }

    /** Whether a host other than {@code host} is up (not known down) to take a build. */
    public boolean anotherHostUp(String host) {
        return hosts.stream().anyMatch(s -> !s.host.name().equals(host) && !hostDown.test(s.host.name()));
    }

    /** Builds waiting for a free slot on one host. */
    public int queued(String host) {
        return slots(host).map(s -> s.pool.getQueue().size()).orElse(0);
    }

    /** Builds running now on one host. */
    public int running(String host) {
        return slots(host).map(s -> s.pool.getActiveCount()).orElse(0);
    }

    private Optional<Slots> slots(String host) {
        return hosts.stream().filter(s -> s.host.name().equals(host)).findFirst();
    }

    /** Builds waiting for a free slot, over all hosts. */
    public int queued() {
        return hosts.stream().mapToInt(s -> s.pool.getQueue().size()).sum();
    }

    /** Builds running now, over all hosts. */
    public int running() {
        return hosts.stream().mapToInt(s -> s.pool.getActiveCount()).sum();
    }

    public List<BuildHost> hosts() {
        return hosts.stream().map(s -> s.host).toList();
    }

    /**
     * Stops taking builds and cancels running ones (the builders remove their containers; whatever survives is
     * found by its labels after a restart).
     */
    @Override
    public void close() {
        active.forEach(build -> build.cancel(TrackedBuild.CANCELED_SHUTDOWN));
        hosts.forEach(s -> s.pool.shutdownNow());
        watchdog.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** One host's pool. */
    private static final class Slots {
        private final BuildHost host;
        private final ThreadPoolExecutor pool;

        Slots(BuildHost host) {
            this.host = host;
            this.pool = new ThreadPoolExecutor(host.concurrency(), host.concurrency(), 0, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(), runnable -> daemon(runnable, "playbake-build-" + host.name()));
        }

        double load() {
            return (pool.getActiveCount() + pool.getQueue().size()) / (double) host.concurrency();
        }
    }
}
