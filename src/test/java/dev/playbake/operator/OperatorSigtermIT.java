package dev.playbake.operator;

import dev.playbake.api.v1alpha1.Condition;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.docker.DockerHost;
import dev.playbake.operator.reconcile.StatusComposer;
import dev.playbake.operator.runtime.OperatorInstance;
import dev.playbake.runtime.ContainerSummary;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator jar as a process of its own, stopped with SIGTERM mid-build (what every rolling update does): it
 * removes the build container, records Interrupted in status and exits; a second operator process builds the
 * ImageBuild again to Succeeded.
 */
class OperatorSigtermIT {

    /** The run's ID in the task makes its cache key new: an earlier run's finished image would skip the task. */
    private static final String PLAYBOOK = """
            - hosts: all
              tasks:
                - name: take a while
                  ansible.builtin.shell: "sleep 20; echo RUN"
            """;

    private final TestEnvironment env = TestEnvironment.get();
    private final String instance = "it-sigterm-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    @Test
    void sigtermMidBuildRemovesTheContainerRecordsInterruptedAndTheNextOperatorBuildsIt() throws Exception {
        String repository = env.registry() + "/playbake-it/sigterm-" + UUID.randomUUID().toString().substring(0, 8);
        try (ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client();
             DockerHost docker = DockerHost.connect(env.dockerHost())) {
            ImageBuildOperatorIT.installCrd(client);
            ImageBuild build = ImageBuilds.imageBuild("sigterm", repository + ":1");
            build.getSpec().baseImage = env.busyboxImage();
            build.getSpec().playbook = PLAYBOOK.replace("RUN", instance);
            build.getSpec().output.insecure = true;
            RealOperator.defaultPushSecret(client);
            client.resources(ImageBuild.class).inNamespace("default").resource(build).create();

            OperatorProcess firstOperator = OperatorProcess.start(apiServer, dir, "first", instance, Map.of());
            Process first = firstOperator.process();
            long removedMs;
            try {
                await().atMost(2, TimeUnit.MINUTES).until(() -> status(client)
                        .map(s -> s.progress != null && "take a while".equals(s.progress.currentTask)).orElse(false));
                assertEquals(1, containers(docker).size(), "the build container runs");
                long sigterm = System.nanoTime();
                first.destroy();
                await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50))
                        .until(() -> containers(docker).isEmpty());
                removedMs = (System.nanoTime() - sigterm) / 1_000_000;
                assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the operator exits");
                long exitedMs = (System.nanoTime() - sigterm) / 1_000_000;
                System.out.println("[measure] SIGTERM to build container removed: " + removedMs + " ms; to exit: "
                        + exitedMs + " ms");
            } finally {
                firstOperator.close();
            }
            String log = firstOperator.log();
            assertFalse(log.contains("ArC container not initialized"), log);
            ImageBuildStatus interrupted = status(client).orElseThrow();
            Condition ready = StatusComposer.find(interrupted.conditions, StatusComposer.READY).orElseThrow();
            assertEquals("Interrupted", ready.reason, Serialization.asYaml(interrupted));
            assertEquals(Phase.PENDING, interrupted.phase);
            assertTrue(removedMs < 20_000, "removed " + removedMs + " ms after SIGTERM");

            try (OperatorProcess second = OperatorProcess.start(apiServer, dir, "second", instance, Map.of())) {
                await().atMost(3, TimeUnit.MINUTES).until(() -> status(client)
                        .map(s -> s.phase == Phase.SUCCEEDED || s.phase == Phase.FAILED).orElse(false));
            }
            ImageBuildStatus done = status(client).orElseThrow();
            assertEquals(Phase.SUCCEEDED, done.phase, Serialization.asYaml(done));
            assertEquals(1L, done.buildCounter, "the same build, started again");
            assertTrue(containers(docker).isEmpty());
        } finally {
            Commands.run(List.of("sh", "-c", "/usr/bin/docker images -q '" + repository + "' | sort -u | "
                    + "xargs -r /usr/bin/docker rmi -f"), Duration.ofMinutes(2));
        }
    }

    private List<ContainerSummary> containers(DockerHost docker) {
        return docker.containersLabelled(OperatorInstance.LABEL + "=" + instance);
    }

    private static Optional<ImageBuildStatus> status(KubernetesClient client) {
        return Optional.ofNullable(client.resources(ImageBuild.class).inNamespace("default").withName("sigterm").get())
                .map(ImageBuild::getStatus);
    }
}
