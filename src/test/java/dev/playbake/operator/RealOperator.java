package dev.playbake.operator;

import dev.playbake.operator.cluster.ClusterInputs;
import dev.playbake.operator.cluster.KubernetesBuildEvents;
import dev.playbake.operator.reconcile.BuildHost;
import dev.playbake.operator.reconcile.BuildMetrics;
import dev.playbake.operator.reconcile.BuildScheduler;
import dev.playbake.operator.reconcile.ImageBuildReconciler;
import dev.playbake.operator.runtime.DockerContainerCleaner;
import dev.playbake.operator.runtime.DockerHostBuilder;
import dev.playbake.operator.runtime.OperatorInstance;
import dev.playbake.operator.runtime.Operators;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The operator wired as OperatorBeans wires it (the real builder and cleaner on the dev-env Docker engine), in
 * the test's JVM, with an instance name of its own so that it never touches other tests' containers.
 */
final class RealOperator implements AutoCloseable {

    final OperatorInstance instance = new OperatorInstance("it-" + UUID.randomUUID().toString().substring(0, 8));
    private final BuildScheduler scheduler;
    private final Operator operator;

    private RealOperator(KubernetesClient client, int concurrency) {
        String docker = TestEnvironment.get().dockerHost();
        scheduler = new BuildScheduler(List.of(new BuildHost("local", concurrency,
                new DockerHostBuilder(docker, new byte[32], instance, Duration.ofSeconds(30)))), Clock.systemUTC());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ImageBuildReconciler reconciler = new ImageBuildReconciler(new ClusterInputs(client), scheduler,
                new DockerContainerCleaner(Map.of("local", docker), instance, Duration.ofSeconds(20)),
                new KubernetesBuildEvents(client), new BuildMetrics(meters, scheduler), Clock.systemUTC());
        operator = Operators.create(client, reconciler, Set.of(), meters);
    }

    /** Starts an operator with this many builds at once on the local Docker host. */
    static RealOperator start(KubernetesClient client, int concurrency) {
        RealOperator real = new RealOperator(client, concurrency);
        real.operator.start();
        return real;
    }

    @Override
    public void close() {
        operator.stop();
        scheduler.close();
    }
}
