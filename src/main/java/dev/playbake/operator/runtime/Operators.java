package dev.playbake.operator.runtime;

import dev.playbake.operator.reconcile.ImageBuildReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Builds the JOSDK Operator that runs the ImageBuild reconciler; the same for the application and the tests. */
public final class Operators {

    private Operators() {
    }

    /**
     * An operator, not started, with the reconciler registered.
     *
     * @param namespaces namespaces to watch; empty for all
     */
    public static Operator create(KubernetesClient client, ImageBuildReconciler reconciler, Set<String> namespaces,
                                  MeterRegistry registry) {
        return create(client, reconciler, namespaces, registry, Optional.empty());
    }

    /**
     * An operator, not started, that reconciles only while it holds the lease {@code election} configures.
     *
     * @param namespaces namespaces to watch; empty for all
     */
    public static Operator create(KubernetesClient client, ImageBuildReconciler reconciler, Set<String> namespaces,
                                  MeterRegistry registry, Optional<LeaderElectionConfiguration> election) {
        Operator operator = new Operator(o -> o.withKubernetesClient(client)
                .withLeaderElectionConfiguration(election.orElse(null))
                .withCloseClientOnStop(false)
                .withReconciliationTerminationTimeout(Duration.ofSeconds(10))
                .withMetrics(MicrometerMetrics.newMicrometerMetricsBuilder(registry).build()));
        operator.register(reconciler, c -> {
            if (!namespaces.isEmpty()) {
                c.settingNamespaces(namespaces);
            }
        });
        return operator;
    }
}
