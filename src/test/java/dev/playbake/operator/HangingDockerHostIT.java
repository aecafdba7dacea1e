package dev.playbake.operator;

import dev.playbake.api.BuildContainerPolicy;
import dev.playbake.api.v1alpha1.Condition;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.docker.DockerHost;
import dev.playbake.modules.egress.EgressPolicy;
import dev.playbake.operator.cluster.ClusterInputs;
import dev.playbake.operator.cluster.KubernetesBuildEvents;
import dev.playbake.operator.reconcile.BuildHost;
import dev.playbake.operator.reconcile.BaseImagePolling;
import dev.playbake.operator.reconcile.BuildMetrics;
import dev.playbake.operator.reconcile.BuildScheduler;
import dev.playbake.operator.reconcile.ImageBuildReconciler;
import dev.playbake.operator.reconcile.StatusComposer;
import dev.playbake.operator.runtime.DockerContainerCleaner;
import dev.playbake.operator.runtime.DockerHostBuilder;
import dev.playbake.operator.runtime.DockerHostMonitor;
import dev.playbake.operator.runtime.DockerHostsHealthCheck;
import dev.playbake.operator.runtime.OperatorInstance;
import dev.playbake.operator.runtime.Operators;
import dev.playbake.runtime.ContainerSummary;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.FreezableDockerProxy;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Docker host that accepts connections and stops answering in the middle of a build (a proxy in front of the
 * real socket, frozen by the test): the build ends within its timeout and a margin, says the host stopped
 * answering and frees its slot; the next build runs on the healthy host; readiness answers at once and shows
 * the frozen host down; deleting the ImageBuild returns at once.
 */
class HangingDockerHostIT {

    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    private static final String PLAYBOOK = """
            - hosts: all
              tasks:
                - name: wait for a long time
                  ansible.builtin.command: sleep 600
            """;

    private final TestEnvironment env = TestEnvironment.get();
    private final OperatorInstance instance = new OperatorInstance("it-" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void aBuildOnAFrozenHostEndsWithinItsTimeoutFreesItsSlotAndDeletingItReturnsAtOnce() throws Exception {
        try (FreezableDockerProxy proxy = FreezableDockerProxy.start(env.dockerHost());
             DockerHost docker = DockerHost.connect(env.dockerHost());
             ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client();
             DockerHostMonitor monitor = new DockerHostMonitor(Map.of("frozen", proxy.uri(), "healthy",
                     env.dockerHost()), Duration.ofSeconds(1), Clock.systemUTC())) {
            ImageBuildOperatorIT.installCrd(client);
            // frozen first: with equal loads the scheduler takes the first host, so the first build goes there
            BuildScheduler scheduler = new BuildScheduler(List.of(
                    new BuildHost("frozen", 1, new DockerHostBuilder(proxy.uri(), new byte[32], instance,
                            RealOperator.DEV_ENV, EgressPolicy.open(), RESPONSE_TIMEOUT)),
                    new BuildHost("healthy", 1, new DockerHostBuilder(env.dockerHost(), new byte[32], instance,
                            RealOperator.DEV_ENV, EgressPolicy.open(), RESPONSE_TIMEOUT))), Clock.systemUTC(), monitor::isDown);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            ImageBuildReconciler reconciler = new ImageBuildReconciler(
                    new ClusterInputs(client, Optional.of(RealOperator.defaultPushSecret(client))), scheduler,
                    new DockerContainerCleaner(Map.of("frozen", proxy.uri(), "healthy", env.dockerHost()), instance,
                            Duration.ofSeconds(2), RESPONSE_TIMEOUT, monitor::isDown),
                    new KubernetesBuildEvents(client), new BuildMetrics(meters, scheduler), Clock.systemUTC(),
                    BuildContainerPolicy.UNLIMITED, new BaseImagePolling(BaseImagePolling.DEFAULT_MINIMUM),
                    RealOperator.localWatch());
            Operator operator = Operators.create(client, reconciler, Set.of(), meters);
            operator.start();
            try {
                await().atMost(30, TimeUnit.SECONDS).until(() -> monitor.health().size() == 2);
                ImageBuild hanging = ImageBuilds.imageBuild("hanging", env.registry() + "/playbake-it/hanging:1");
                hanging.getSpec().baseImage = env.busyboxImage();
                hanging.getSpec().playbook = PLAYBOOK;
                hanging.getSpec().timeout = "20s";
                client.resources(ImageBuild.class).inNamespace("default").resource(hanging).create();
                await().atMost(2, TimeUnit.MINUTES).until(() -> status(client, "hanging")
                        .map(s -> s.progress != null && "wait for a long time".equals(s.progress.currentTask)).orElse(false));
                assertEquals("frozen", status(client, "hanging").orElseThrow().buildHost);
                proxy.freeze();
                long frozenAt = System.nanoTime();

                await().atMost(15, TimeUnit.SECONDS).until(() -> monitor.isDown("frozen"));
                long before = System.nanoTime();
                HealthCheckResponse ready = new DockerHostsHealthCheck(monitor).call();
                long healthMs = (System.nanoTime() - before) / 1_000_000;
                Map<String, Object> data = ready.getData().orElseThrow();
                assertTrue(String.valueOf(data.get("frozen")).startsWith("down: "), String.valueOf(data));
                assertTrue(String.valueOf(data.get("healthy")).startsWith("up, engine "), String.valueOf(data));
                assertTrue(healthMs < 1_000, "the health check took " + healthMs + " ms");

                // spec.timeout 20s from the start, then at most one response timeout for the removal that goes unanswered
                await().atMost(90, TimeUnit.SECONDS).until(() -> status(client, "hanging")
                        .map(s -> s.phase == Phase.FAILED).orElse(false));
                long endedMs = (System.nanoTime() - frozenAt) / 1_000_000;
                var failed = status(client, "hanging").orElseThrow();
                Condition condition = StatusComposer.find(failed.conditions, StatusComposer.READY).orElseThrow();
                assertEquals("Timeout", condition.reason, Serialization.asYaml(failed));
                assertTrue(condition.message.contains("the build took longer than its timeout of 20s"), condition.message);
                assertTrue(condition.message.contains("stopped answering"), condition.message);
                assertTrue(endedMs < 20_000 + RESPONSE_TIMEOUT.toMillis() + 10_000,
                        "the build ended " + endedMs + " ms after the host froze");
                System.out.println("[measure] build on a frozen host ended " + endedMs + " ms after the freeze: "
                        + condition.message);
                assertEquals(0, scheduler.running(), "the frozen host's slot is free");

                ImageBuild next = ImageBuilds.imageBuild("next", env.registry() + "/playbake-it/hanging-next:1");
                next.getSpec().baseImage = env.busyboxImage();
                next.getSpec().output.insecure = true;
                client.resources(ImageBuild.class).inNamespace("default").resource(next).create();
                await().atMost(2, TimeUnit.MINUTES).until(() -> status(client, "next")
                        .map(s -> s.phase == Phase.SUCCEEDED || s.phase == Phase.FAILED).orElse(false));
                assertEquals(Phase.SUCCEEDED, status(client, "next").orElseThrow().phase,
                        Serialization.asYaml(status(client, "next").orElseThrow()));
                assertEquals("healthy", status(client, "next").orElseThrow().buildHost);

                long deleteStart = System.nanoTime();
                client.resources(ImageBuild.class).inNamespace("default").withName("hanging").delete();
                await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100)).until(() ->
                        client.resources(ImageBuild.class).inNamespace("default").withName("hanging").get() == null);
                long deleteMs = (System.nanoTime() - deleteStart) / 1_000_000;
                System.out.println("[measure] delete of an ImageBuild whose host hangs took " + deleteMs + " ms");
                assertTrue(deleteMs < 10_000, "the delete took " + deleteMs + " ms");
            } finally {
                operator.stop();
                scheduler.close();
                for (ContainerSummary left : docker.containersLabelled(OperatorInstance.LABEL + "=" + instance.name())) {
                    docker.removeContainer(left.id());
                }
            }
        }
    }

    private static Optional<dev.playbake.api.v1alpha1.ImageBuildStatus> status(KubernetesClient client, String name) {
        return Optional.ofNullable(client.resources(ImageBuild.class).inNamespace("default").withName(name).get())
                .map(ImageBuild::getStatus);
    }
}
