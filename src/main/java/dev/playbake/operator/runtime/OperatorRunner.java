package dev.playbake.operator.runtime;

import dev.playbake.operator.reconcile.ImageBuildReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.playbake.operator.reconcile.Leadership;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.runtime.Quarkus;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.Set;

/**
 * Starts the operator (and its debug image sweep) when {@code playbake operator} asks for it, and stops it with the
 * application (SIGTERM): its builds are interrupted, their containers removed and their status recorded before the
 * process ends. With leader election, only the replica that holds the lease reconciles and sweeps; a leader that
 * loses it exits (writing nothing more), and a stopping leader hands the lease on once its builds are recorded.
 */
@ApplicationScoped
public class OperatorRunner {

    private static final Logger LOG = Logger.getLogger(OperatorRunner.class);

    private final KubernetesClient client;
    private final ImageBuildReconciler reconciler;
    private final OperatorConfig config;
    private final MeterRegistry registry;
    private final DebugImageSweeper debugImages;
    private final Leadership leadership;
    private final DockerHostMonitor monitor;
    private final CacheCollector cache;
    private final BuildLogApi logApi;
    private Optional<Operator> operator = Optional.empty();

    @Inject
    public OperatorRunner(KubernetesClient client, ImageBuildReconciler reconciler, OperatorConfig config,
                          MeterRegistry registry, DebugImageSweeper debugImages, Leadership leadership,
                          DockerHostMonitor monitor, CacheCollector cache, BuildLogApi logApi) {
        this.cache = cache;
        this.logApi = logApi;
        this.client = client;
        this.leadership = leadership;
        this.monitor = monitor;
        this.reconciler = reconciler;
        this.config = config;
        this.registry = registry;
        this.debugImages = debugImages;
    }

    public synchronized void start() {
        // every replica serves logs, the standby too: they are read from the API server
        logApi.start();
        Optional<LeaderElectionConfiguration> election = Optional.empty();
        if (leadership instanceof LeaderLease lease) {
            LOG.infof("leader election on; waiting for the lease %s", lease.describe());
            election = Optional.of(lease.configuration(this::leading, () -> Quarkus.asyncExit(1)));
        }
        Operator started = Operators.create(client, reconciler, config.namespaces().orElse(Set.of()), registry,
                election);
        started.start();
        operator = Optional.of(started);
        // a host back from an outage may hold containers of builds lost on it (removeLeftovers skips a follower)
        monitor.whenRecovered(host -> reconciler.removeLeftovers());
        cache.start();
        if (election.isEmpty() && !config.debugImageRetention().isZero()) {
            debugImages.start();
        }
    }

    /** Before the first reconcile of a new leader. */
    private void leading() {
        reconciler.removeLeftovers();
        if (!config.debugImageRetention().isZero()) {
            debugImages.start();
        }
    }

    synchronized void stop(@Observes(notifyObserver = Reception.IF_EXISTS) ShutdownEvent event) {
        if (leadership instanceof LeaderLease lease) {
            lease.stopping();
        }
        operator.ifPresent(running -> new ShutdownDrain(client, reconciler, config.shutdownTimeout(), leadership)
                .run(running::stop));
        operator = Optional.empty();
        if (leadership instanceof LeaderLease lease) {
            lease.release();
        }
        logApi.stop();
    }
}
