package dev.playbake.operator;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.LocalObjectRef;
import dev.playbake.operator.reconcile.StatusComposer;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator jar, as the image runs it (its entrypoint's JVM flags and its environment, in a JVM that sees
 * the chart's memory limit as its RAM), against a real API server with 200 ImageBuilds: its
 * resident memory idle and once all are Ready. The builds are real (busybox base, local Docker, pushed to the
 * dev-env registry) but share one playbook and inputs, so after the first they are image-cache hits: the
 * operator's own memory (informer cache, statuses, events, Docker clients), not Docker's, is what is measured.
 * Settable: -Dplaybake.it.imagebuilds=N, -Dplaybake.it.operator-jvm="flags".
 */
class OperatorMemoryIT {

    /** The chart's default memory limit, which the JVM is shown as its RAM. */
    private static final long LIMIT_MIB = 512;
    /** Measured 281–289 MiB with 200 ImageBuilds (docs/operator.md); above three quarters of the limit an OOM kill comes near. */
    private static final long BOUND_MIB = LIMIT_MIB * 3 / 4;

    @TempDir
    Path dir;

    @Test
    void twoHundredImageBuildsAreReconciledWithinTheMemoryLimit() throws Exception {
        int count = Integer.getInteger("playbake.it.imagebuilds", 200);
        ImageBuild image = Serialization.unmarshal(Files.readString(Path.of("examples/operator-image/imagebuild.yaml")),
                ImageBuild.class);
        String jvm = System.getProperty("playbake.it.operator-jvm", String.join(" ", jvmFlags(image)) + " -XX:MaxRAM="
                + LIMIT_MIB + "m");
        TestEnvironment env = TestEnvironment.get();
        String repository = env.registry() + "/playbake-it/memory-" + UUID.randomUUID().toString().substring(0, 8);
        try (ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client()) {
            ImageBuildOperatorIT.installCrd(client);
            ImageBuildEndToEndIT.createRegistrySecret(client, env);
            int port = freePort();
            List<String> command = new ArrayList<>(List.of("java"));
            command.addAll(List.of(jvm.strip().split("\\s+")).stream().filter(f -> !f.isEmpty()).toList());
            command.addAll(List.of("-Dquarkus.profile=operator", "-Dquarkus.http.port=" + port,
                    "-Dplaybake.operator.hosts.local.uri=" + env.dockerHost(),
                    "-Dplaybake.operator.hosts.local.concurrency=4",
                    "-Dplaybake.operator.allow-local-images=true",
                    "-Dplaybake.operator.instance=it-memory-" + UUID.randomUUID().toString().substring(0, 8),
                    "-jar", "target/quarkus-app/quarkus-run.jar", "operator"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("operator.log").toFile());
            builder.environment().putAll(image.getSpec().config.env);
            builder.environment().put("KUBECONFIG", Commands.kubeconfig(apiServer, dir).toString());
            Process operator = builder.start();
            try {
                awaitReady(port);
                Thread.sleep(5_000);  // let start-up garbage settle
                long idle = rssMib(operator);

                long start = System.nanoTime();
                List<String> names = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String name = "mem-" + i;
                    names.add(name);
                    ImageBuild build = ImageBuilds.imageBuild(name, repository + ":" + i);
                    build.getSpec().baseImage = env.busyboxImage();
                    build.getSpec().vars.put("who", TextNode.valueOf("memory"));
                    build.getSpec().output.pushSecretRef = new LocalObjectRef("regcred");
                    build.getSpec().output.insecure = true;
                    client.resources(ImageBuild.class).inNamespace("default").resource(build).create();
                }
                await().atMost(6, TimeUnit.MINUTES).pollInterval(Duration.ofSeconds(2))
                        .until(() -> readyCount(client, names) == count);
                long allReadyMs = (System.nanoTime() - start) / 1_000_000;
                long loaded = rssMib(operator);
                Thread.sleep(10_000);
                long settled = rssMib(operator);

                System.out.printf("[measure] operator RSS (%s): idle %d MiB; %d ImageBuilds all Ready after %d ms: "
                        + "%d MiB, 10 s later %d MiB, peak (VmHWM) %d MiB%n", jvm, idle, count, allReadyMs, loaded,
                        settled, status(operator, "VmHWM") / 1024);
                assertEquals(count, readyCount(client, names));
                assertTrue(loaded < BOUND_MIB, "RSS " + loaded + " MiB with " + count + " ImageBuilds");
            } finally {
                operator.destroy();
                if (!operator.waitFor(30, TimeUnit.SECONDS)) {
                    operator.destroyForcibly().waitFor();
                }
            }
        } finally {
            Commands.run(List.of("sh", "-c", "/usr/bin/docker images -q '" + repository + "' | sort -u | "
                    + "xargs -r /usr/bin/docker rmi -f"), Duration.ofMinutes(2));
        }
    }

    /** The JVM flags of the operator image's entrypoint, between {@code java} and {@code -jar}. */
    private static List<String> jvmFlags(ImageBuild image) {
        List<String> entrypoint = image.getSpec().config.entrypoint;
        return entrypoint.subList(1, entrypoint.indexOf("-jar"));
    }

    private static long readyCount(KubernetesClient client, List<String> names) {
        return client.resources(ImageBuild.class).inNamespace("default").list().getItems().stream()
                .filter(b -> names.contains(b.getMetadata().getName()) && b.getStatus() != null)
                .filter(b -> StatusComposer.find(b.getStatus().conditions, StatusComposer.READY)
                        .map(c -> "True".equals(c.status)).orElse(false))
                .count();
    }

    private void awaitReady(int port) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static long rssMib(Process process) throws IOException {
        return status(process, "VmRSS") / 1024;
    }

    /** A field of /proc/PID/status in kB. */
    private static long status(Process process, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                .filter(l -> l.startsWith(field + ":"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst().orElseThrow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
