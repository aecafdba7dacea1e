package dev.playbake.operator.runtime;

import dev.playbake.docker.DockerHost;
import dev.playbake.imagebuild.cache.CacheBudget;
import dev.playbake.operator.reconcile.Leadership;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Keeps this operator's snapshots and debug images on each Docker host within the storage budget, on a schedule and
 * after each build that ends on a host: the oldest ones that no ImageBuild's newest build stands on go first ({@link
 * CacheBudget}); what builds run on is never touched. The registry cache, when there is one, is collected on the same
 * schedule. Only the leader collects; a host known down is tried next time. The bytes per host are a metric.
 */
public final class CacheCollector implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CacheCollector.class);

    private final Map<String, String> hostUris;
    private final OperatorInstance instance;
    private final long budgetBytes;
    private final Duration interval;
    private final Supplier<Set<String>> keptBuilds;
    private final Leadership leadership;
    private final Predicate<String> hostDown;
    private final MeterRegistry registry;
    private final Optional<RegistryCacheCollector> registryCache;
    /** Hosts with a collection queued after a build: many builds ending at once cause one each. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> bytes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "playbake-cache-collector");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param hostUris   Docker host URIs by name
     * @param keptBuilds the build IDs whose snapshots stay: the newest build of each ImageBuild, and running ones
     */
    public CacheCollector(Map<String, String> hostUris, OperatorInstance instance, long budgetBytes, Duration interval,
                          Supplier<Set<String>> keptBuilds, Leadership leadership, Predicate<String> hostDown,
                          MeterRegistry registry) {
        this(hostUris, instance, budgetBytes, interval, keptBuilds, leadership, hostDown, registry, Optional.empty());
    }

    /** @param registryCache the registry cache's collection, run on the same schedule */
    public CacheCollector(Map<String, String> hostUris, OperatorInstance instance, long budgetBytes, Duration interval,
                          Supplier<Set<String>> keptBuilds, Leadership leadership, Predicate<String> hostDown,
                          MeterRegistry registry, Optional<RegistryCacheCollector> registryCache) {
        this.registryCache = registryCache;
        this.hostUris = Map.copyOf(hostUris);
        this.instance = instance;
        this.budgetBytes = budgetBytes;
        this.interval = interval;
        this.keptBuilds = keptBuilds;
        this.leadership = leadership;
        this.hostDown = hostDown;
        this.registry = registry;
        hostUris.keySet().forEach(host -> {
            AtomicLong measured = new AtomicLong();
            bytes.put(host, measured);
            Gauge.builder("playbake.cache.bytes", measured, AtomicLong::get).tag("host", host)
                    .description("Bytes this operator's snapshots take on a Docker host, at the last collection")
                    .register(registry);
        });
    }

    /** Collects every interval from now on; not the hosts with a budget of 0 (keep everything). */
    public void start() {
        if (budgetBytes <= 0 && registryCache.filter(RegistryCacheCollector::enabled).isEmpty()) {
            return;
        }
        timer.scheduleWithFixedDelay(this::collectAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A build ended on {@code host}: its snapshots may have taken the host past the budget, so it is collected soon,
     * on the collector's own thread (the Docker API tells no free disk space; the cache's bytes are what it knows).
     */
    public void buildEnded(String host) {
        if (budgetBytes > 0 && hostUris.containsKey(host) && queued.add(host)) {
            try {
                timer.execute(() -> {
                    queued.remove(host);
                    collect(host, hostUris.get(host));
                });
            } catch (RejectedExecutionException closed) {
                queued.remove(host);  // the operator stops: a build that ends now leaves its host to the next one
            }
        }
    }

    /** One collection now, on every host that answers, then the registry cache (the schedule runs the same). */
    public void collectAll() {
        if (budgetBytes > 0) {
            hostUris.forEach(this::collect);
        }
        registryCache.filter(c -> leadership.held()).ifPresent(RegistryCacheCollector::collectAll);
    }

    private void collect(String host, String uri) {
        if (!leadership.held() || hostDown.test(host)) {
            return;
        }
        try (DockerHost docker = DockerHost.connect(uri)) {
            CacheBudget.Collection done = new CacheBudget(docker, OperatorInstance.LABEL + "=" + instance.name())
                    .collect(budgetBytes, keptBuilds.get());
            bytes.get(host).set(done.bytesAfter());
            if (done.removed() > 0) {
                Counter.builder("playbake.cache.removed").tag("host", host)
                        .description("Snapshots removed to keep within the cache budget").register(registry)
                        .increment(done.removed());
                LOG.infof("Docker host %s: removed %d snapshot(s) to keep within the cache budget of %d MiB "
                        + "(%d MiB before, %d MiB now)", host, done.removed(), budgetBytes >> 20,
                        done.bytesBefore() >> 20, done.bytesAfter() >> 20);
            }
            if (done.bytesAfter() > budgetBytes) {
                LOG.warnf("Docker host %s: the newest builds' snapshots take %d MiB, more than the cache budget "
                        + "of %d MiB; they stay", host, done.bytesAfter() >> 20, budgetBytes >> 20);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not collect the cache on Docker host %s: %s", host, e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
