package dev.playbake.operator.runtime;

import dev.playbake.image.ImageReference;
import dev.playbake.image.RegistryApi;
import dev.playbake.imagebuild.cache.RegistryCachePrune;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Keeps the operator's registry cache repositories ({@code <registry>/<namespace>}, or {@code <registry>/shared})
 * within a retention and a budget each: what the newest build of every ImageBuild stands on stays, older snapshots
 * go first ({@link RegistryCachePrune}). Each repository is collected with its own scope's builds only, with the
 * operator's credentials for the cache registry. The registry's garbage collection then frees the blobs.
 */
public final class RegistryCacheCollector {

    private static final Logger LOG = Logger.getLogger(RegistryCacheCollector.class);

    private final OperatorRegistryCache cache;
    private final boolean shareCache;
    private final Duration retention;
    private final long budgetBytes;
    private final Supplier<Set<String>> owners;
    private final Supplier<Set<String>> keptBuilds;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> bytes = new ConcurrentHashMap<>();

    /**
     * @param retention  snapshots no newest build stands on go once older than this (zero: no retention)
     * @param budgetBytes then the oldest of them go until a repository's blobs fit (zero: no budget)
     * @param owners     {@code namespace/name} of the ImageBuilds the operator knows: their namespaces' repositories
     * @param keptBuilds the build IDs whose snapshots stay
     */
    public RegistryCacheCollector(OperatorRegistryCache cache, boolean shareCache, Duration retention, long budgetBytes,
                                  Supplier<Set<String>> owners, Supplier<Set<String>> keptBuilds, Clock clock,
                                  MeterRegistry registry) {
        this.cache = cache;
        this.shareCache = shareCache;
        this.retention = retention;
        this.budgetBytes = budgetBytes;
        this.owners = owners;
        this.keptBuilds = keptBuilds;
        this.clock = clock;
        this.registry = registry;
    }

    /** Whether there is anything to do: a retention or a budget. */
    public boolean enabled() {
        return !retention.isZero() || budgetBytes > 0;
    }

    /** Collects every repository the known ImageBuilds' scopes use; a registry that fails is tried next time. */
    public void collectAll() {
        if (!enabled()) {
            return;
        }
        RegistryCachePrune.Policy policy = new RegistryCachePrune.Policy(Optional.of(keptBuilds.get()), false,
                retention.isZero() ? Optional.empty() : Optional.of(retention),
                budgetBytes > 0 ? OptionalLong.of(budgetBytes) : OptionalLong.empty());
        for (String scope : scopes()) {
            String repository = cache.forScope(scope).to().orElseThrow();
            RegistryApi api = new RegistryApi(ImageReference.parse(repository).registry(), cache.credentials());
            try {
                RegistryCachePrune.Collection done = new RegistryCachePrune(api).collect(repository, policy,
                        clock.instant(), removed -> { });
                gauge(scope).set(done.bytesAfter());
                if (!done.removed().isEmpty()) {
                    Counter.builder("playbake.cache.registry.removed").tag("scope", scope)
                            .description("Snapshots deleted from a registry cache repository").register(registry)
                            .increment(done.removed().size());
                    LOG.infof("registry cache %s: deleted %d of %d snapshot(s) (%d MiB of blobs before, %d MiB now;"
                            + " the registry's garbage collection frees them)", repository, done.removed().size(),
                            done.snapshots(), done.bytesBefore() >> 20, done.bytesAfter() >> 20);
                }
                if (budgetBytes > 0 && done.bytesAfter() > budgetBytes) {
                    LOG.warnf("registry cache %s: the newest builds' snapshots take %d MiB, more than its budget of"
                            + " %d MiB; they stay", repository, done.bytesAfter() >> 20, budgetBytes >> 20);
                }
            } catch (RegistryApi.RegistryApiException e) {
                LOG.warnf("could not collect the registry cache %s: %s", repository, e.getMessage());
            }
        }
    }

    /** The cache scopes in use: the shared one, or the namespace of every known ImageBuild. */
    private Set<String> scopes() {
        if (shareCache) {
            return Set.of(TenantIsolation.SHARED_SCOPE);
        }
        Set<String> scopes = new TreeSet<>();
        owners.get().forEach(owner -> scopes.add(owner.substring(0, Math.max(0, owner.indexOf('/')))));
        scopes.remove("");
        return scopes;
    }

    private AtomicLong gauge(String scope) {
        return bytes.computeIfAbsent(scope, s -> {
            AtomicLong measured = new AtomicLong();
            Gauge.builder("playbake.cache.registry.bytes", measured, AtomicLong::get).tag("scope", s)
                    .description("Bytes of blobs a registry cache repository's snapshots reference, at the last"
                            + " collection").register(registry);
            return measured;
        });
    }
}
