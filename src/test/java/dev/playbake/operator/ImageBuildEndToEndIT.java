package dev.playbake.operator;

import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.LocalObjectRef;
import dev.playbake.docker.DockerHost;
import dev.playbake.operator.reconcile.StatusComposer;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole product on real parts: kube-apiserver, the operator, the real ImageBuilder on the Docker engine and
 * the authenticated registry. The pushed digest, pulled and run, has what the playbook wrote.
 */
class ImageBuildEndToEndIT {

    @Test
    void anAppliedImageBuildIsBuiltPushedAndRunnableByDigest() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        String repository = env.registry() + "/playbake-it/e2e-" + UUID.randomUUID().toString().substring(0, 8);
        try (ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client();
             DockerHost docker = DockerHost.connect(env.dockerHost())) {
            ImageBuildOperatorIT.installCrd(client);
            createRegistrySecret(client, env);
            try (RealOperator ignored = RealOperator.start(client, 2)) {
                ImageBuild hello = ImageBuilds.imageBuild("e2e", repository + ":1");
                hello.getSpec().output.pushSecretRef = new LocalObjectRef("regcred");
                long start = System.nanoTime();
                client.resources(ImageBuild.class).inNamespace("default").resource(hello).create();
                // Ready may pass through False (Pending) before the build starts: wait for success or a final failure
                await().atMost(5, TimeUnit.MINUTES).until(() -> "True".equals(ready(client)) || failedForGood(client));
                System.out.println("[measure] apply -> Ready with the real ImageBuilder: "
                        + (System.nanoTime() - start) / 1_000_000 + " ms");
                ImageBuild built = client.resources(ImageBuild.class).inNamespace("default").withName("e2e").get();
                assertEquals("True", ready(client), String.valueOf(built.getStatus().failure == null ? ""
                        : built.getStatus().failure.message));

                String latest = built.getStatus().latestImage;
                assertTrue(latest.startsWith(repository + "@sha256:"), latest);
                docker.removeImage(repository + ":1");
                docker.pull(latest, Optional.of(env.credentials(env.registry())));
                String out = run(latest);
                assertEquals("hello world", out.strip());
                assertEquals(0, docker.containersLabelled("playbake.dev/owner=default/e2e").size(), "no container left");
            }
        }
    }

    private static boolean failedForGood(KubernetesClient client) {
        ImageBuild build = client.resources(ImageBuild.class).inNamespace("default").withName("e2e").get();
        return build.getStatus() != null && build.getStatus().failure != null && build.getStatus().nextRetryTime == null;
    }

    private static String run(String image) throws Exception {
        Process process = new ProcessBuilder("/usr/bin/docker", "run", "--rm", image, "cat", "/hello.txt")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    static void createRegistrySecret(KubernetesClient client, TestEnvironment env) {
        createRegistrySecret(client, env, "default");
    }

    /** A dockerconfigjson Secret {@code regcred} for the test registry, in this namespace. */
    static void createRegistrySecret(KubernetesClient client, TestEnvironment env, String namespace) {
        ImageBuilds.registrySecret(client, namespace, "regcred", env.credentials(env.registry()));
    }

    private static String ready(KubernetesClient client) {
        return Optional.ofNullable(client.resources(ImageBuild.class).inNamespace("default").withName("e2e").get())
                .map(ImageBuild::getStatus).flatMap(s -> StatusComposer.find(s.conditions, StatusComposer.READY))
                .map(c -> c.status).orElse("");
    }
}
