package dev.playbake.operator;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.LocalObjectRef;
import dev.playbake.operator.reconcile.StatusComposer;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator image, built by playbake itself (scripts/operator-image, examples/operator-image): it runs as a
 * non-root user, reports its version, and as the operator on a read-only root filesystem it watches a real API
 * server, answers /q/health with everything UP, builds and pushes an ImageBuild and publishes the build's
 * histograms on /q/metrics. The build is what shows that
 * the image's jlink'd JRE has every module the operator reaches (templating, Docker, the registry push), which a
 * test of the jar on the host's full JDK cannot.
 */
class OperatorImageIT {

    private static final String DOCKER = "/usr/bin/docker";

    private final String image = "playbake-it/operator:" + UUID.randomUUID().toString().substring(0, 8);
    private final String container = "playbake-it-operator-" + UUID.randomUUID().toString().substring(0, 8);
    private final String built = TestEnvironment.get().registry() + "/playbake-it/operator-image-"
            + UUID.randomUUID().toString().substring(0, 8) + ":1";

    @TempDir
    Path dir;

    @AfterEach
    void removeContainerAndImage() {
        Commands.run(List.of(DOCKER, "rm", "-f", container), Duration.ofSeconds(30));
        Commands.run(List.of(DOCKER, "rmi", image), Duration.ofSeconds(30));
        Commands.run(List.of(DOCKER, "rmi", built), Duration.ofSeconds(30));
    }

    @Test
    void theImageBuiltByPlaybakeRunsTheOperatorAgainstARealApiServer() throws Exception {
        long start = System.nanoTime();
        Commands.Result build = Commands.run(List.of("scripts/operator-image", "-t", image, "--progress", "plain"),
                Duration.ofMinutes(3));
        System.out.println("[measure] operator image built by playbake in " + (System.nanoTime() - start) / 1_000_000
                + " ms\n" + build.stderr());
        build.orFail(List.of("scripts/operator-image"));

        assertEquals("10001:10001", Commands.ok(List.of(DOCKER, "image", "inspect", image, "--format",
                "{{.Config.User}}")).strip());
        assertTrue(Commands.ok(List.of(DOCKER, "run", "--rm", image, "--version")).startsWith("playbake "));

        try (ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client()) {
            ImageBuildOperatorIT.installCrd(client);
            // kube-api-test's kubeconfig names certificate files under /root, which the non-root operator cannot read
            Path kubeconfig = Files.writeString(dir.resolve("flat-kubeconfig"), Commands.ok(Commands.kubectl(
                    Commands.kubeconfig(apiServer, dir), "config", "view", "--flatten", "--minify", "--raw")));
            Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("rw-r--r--"));
            int port = freePort();
            int socketGroup = (Integer) Files.getAttribute(Path.of("/var/run/docker.sock"), "unix:gid");
            Commands.ok(List.of(DOCKER, "run", "-d", "--name", container, "--network", "host",
                    "--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                    "-v", kubeconfig + ":/kube/config:ro", "-e", "KUBECONFIG=/kube/config",
                    "-v", "/var/run/docker.sock:/var/run/docker.sock", "--group-add", String.valueOf(socketGroup),
                    "-e", "QUARKUS_HTTP_PORT=" + port, "-e", "PLAYBAKE_OPERATOR_INSTANCE=" + container,
                    "-e", "PLAYBAKE_OPERATOR_ALLOW_LOCAL_IMAGES=true", image));

            AtomicReference<String> health = new AtomicReference<>("");
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health")).build(), HttpResponse.BodyHandlers.ofString());
                health.set(response.statusCode() + " " + response.body());
                return response.statusCode() == 200;
            });
            assertTrue(health.get().contains("\"status\": \"UP\""), health.get());
            assertTrue(health.get().contains("docker-hosts"), health.get());
            assertEquals("10001", Commands.ok(List.of(DOCKER, "exec", container, "id", "-u")).strip());

            ImageBuildEndToEndIT.createRegistrySecret(client, TestEnvironment.get());
            ImageBuild hello = ImageBuilds.imageBuild("hello", built);
            hello.getSpec().output.pushSecretRef = new LocalObjectRef("regcred");
            // a var no other build had puts the build in a cache of its own: the task runs, in the image's JVM
            String who = UUID.randomUUID().toString();
            hello.getSpec().vars.put("who", TextNode.valueOf(who));
            client.resources(ImageBuild.class).inNamespace("default").resource(hello).create();
            // Ready may pass through False (Pending) before the build starts: wait for success or a final failure
            await().atMost(3, TimeUnit.MINUTES).until(() -> "True".equals(ready(client)) || failedForGood(client));
            ImageBuild done = client.resources(ImageBuild.class).inNamespace("default").withName("hello").get();
            assertEquals("True", ready(client), String.valueOf(done.getStatus().failure == null ? ""
                    : done.getStatus().failure.message));
            String repository = built.substring(0, built.lastIndexOf(':'));
            assertTrue(done.getStatus().latestImage.startsWith(repository + "@sha256:"), done.getStatus().latestImage);
            assertEquals("hello " + who, Commands.ok(List.of(DOCKER, "run", "--rm", done.getStatus().latestImage,
                    "cat", "/hello.txt")).strip());

            // what Prometheus scrapes: the build's duration and cache hit percentage as histograms, by Docker host
            // (the text format's trailing comma after the last label depends on the format Quarkus negotiates)
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String le : List.of("5.0", "60.0", "3600.0", "+Inf")) {
                assertTrue(hasLine(metrics, "playbake_build_duration_seconds_bucket\\{host=\"local\","
                        + "result=\"succeeded\",le=\"" + Pattern.quote(le) + "\",?} [01]\\.0"), le + " in:\n" + metrics);
            }
            assertTrue(hasLine(metrics, "playbake_build_cache_hit_percent_bucket\\{host=\"local\",le=\"100\\.0\",?} 1\\.0"),
                    metrics);
        } finally {
            Commands.Result logs = Commands.run(List.of(DOCKER, "logs", container), Duration.ofSeconds(30));
            System.out.println("operator log:\n" + (logs.stdout() + logs.stderr()).lines()
                    .filter(l -> !l.startsWith("\tat ")).limit(40).reduce("", (a, b) -> a + b + "\n"));
        }
    }

    private static String ready(KubernetesClient client) {
        return Optional.ofNullable(client.resources(ImageBuild.class).inNamespace("default").withName("hello").get())
                .map(ImageBuild::getStatus).flatMap(s -> StatusComposer.find(s.conditions, StatusComposer.READY))
                .map(c -> c.status).orElse("");
    }

    private static boolean failedForGood(KubernetesClient client) {
        ImageBuild build = client.resources(ImageBuild.class).inNamespace("default").withName("hello").get();
        return build.getStatus() != null && build.getStatus().failure != null && build.getStatus().nextRetryTime == null;
    }

    /** Whether a whole line of the scrape matches {@code regex}. */
    private static boolean hasLine(String metrics, String regex) {
        return Pattern.compile("^" + regex + "$", Pattern.MULTILINE).matcher(metrics).find();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
