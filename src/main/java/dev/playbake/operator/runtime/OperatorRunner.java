package dev.playbake.operator.runtime;

import dev.playbake.operator.reconcile.ImageBuildReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.Set;

/**
 * Starts the operator (and its debug image sweep) when {@code playbake operator} asks for it, and stops it with the
 * application (SIGTERM): its builds are interrupted, their containers removed and their status recorded before the
 * process ends.
 */
@ApplicationScoped
public class OperatorRunner {

    private final KubernetesClient client;
    private final ImageBuildReconciler reconciler;
    private final OperatorConfig config;
    private final MeterRegistry registry;
    private final DebugImageSweeper debugImages;
    private Optional<Operator> operator = Optional.empty();

    @Inject
    public OperatorRunner(KubernetesClient client, ImageBuildReconciler reconciler, OperatorConfig config,
                          MeterRegistry registry, DebugImageSweeper debugImages) {
        this.client = client;
        this.reconciler = reconciler;
        this.config = config;
        this.registry = registry;
        this.debugImages = debugImages;
    }

    public synchronized void start() {
        Operator started = Operators.create(client, reconciler, config.namespaces().orElse(Set.of()), registry);
        started.start();
        operator = Optional.of(started);
        if (!config.debugImageRetention().isZero()) {
            debugImages.start();
        }
    }

    synchronized void stop(@Observes(notifyObserver = Reception.IF_EXISTS) ShutdownEvent event) {
        operator.ifPresent(running -> new ShutdownDrain(client, reconciler, config.shutdownTimeout()).run(running::stop));
        operator = Optional.empty();
    }
}
