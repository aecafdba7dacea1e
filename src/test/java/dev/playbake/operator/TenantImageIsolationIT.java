package dev.playbake.operator;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.playbake.api.v1alpha1.CacheSpec;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.docker.DockerHost;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.operator.reconcile.StatusComposer;
import dev.playbake.runtime.ImageSummary;
import dev.playbake.runtime.RegistryException;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.LoopbackRegistry;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two tenants of one operator on real parts (kube-apiserver, the operator, the Docker engine, two registries with
 * their own credentials): tenant B reads none of tenant A's images by naming them as its base image, A's private
 * image, A's debug image or A's snapshot, while its own builds work; and the operator never pushes or pulls with
 * Docker credentials of its own.
 */
class TenantImageIsolationIT {

    private static final String KEEP_PRIVATE = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: keep a private file
                  ansible.builtin.copy:
                    dest: /private.txt
                    content: "{{ private_value }}"
            """;
    private static final String KEEP_PRIVATE_THEN_FAIL = KEEP_PRIVATE + """
                - name: fail after it
                  ansible.builtin.command: /bin/false
            """;
    private static final String STEAL = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: read the other tenant's file
                  ansible.builtin.slurp:
                    src: /private.txt
                  register: stolen
                - name: show it
                  ansible.builtin.fail:
                    msg: "{{ stolen.content | b64decode }}"
            """;

    @TempDir
    Path dir;

    @Test
    void aTenantCannotReadAnotherTenantsImagesAndItsOwnBuildsStillWork() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        String secret = "private-" + UUID.randomUUID();
        try (LoopbackRegistry registryA = LoopbackRegistry.start("tenant-a");
             ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client();
             DockerHost docker = DockerHost.connect(env.dockerHost())) {
            ImageBuildOperatorIT.installCrd(client);
            Tenant a = Tenant.create(client, "tenant-a", registryA.credentials());
            Tenant b = Tenant.create(client, "tenant-b", env.credentials(env.tlsRegistry()));
            String privateImage = a.registry() + "/tenant-a/private";
            String ownImage = b.registry() + "/tenant-b/own-" + UUID.randomUUID().toString().substring(0, 6) + ":1";
            try (RealOperator ignored = RealOperator.start(client, new RealOperator.Setup(2, RealOperator.DEV_ENV, Optional.empty(), Set.of()))) {
                ImageBuild kept = a.imageBuild("private", privateImage + ":1");
                kept.getSpec().playbook = KEEP_PRIVATE;
                kept.getSpec().vars.put("private_value", TextNode.valueOf(secret));
                kept.getSpec().cache = new CacheSpec();
                kept.getSpec().cache.snapshots = CacheSpec.Snapshots.EVERY_CHANGE;
                ImageBuild failing = a.imageBuild("failing", privateImage + ":2");
                failing.getSpec().playbook = KEEP_PRIVATE_THEN_FAIL;
                failing.getSpec().vars.put("private_value", TextNode.valueOf(secret));
                a.apply(client, kept);
                a.apply(client, failing);
                assertEquals(Phase.SUCCEEDED, finished(client, a, "private").getStatus().phase, failure(client, a, "private"));
                ImageBuild failed = finished(client, a, "failing");
                assertTrue(failed.getStatus().failure.debugImage.startsWith(privateImage + ":2-failed@sha256:"),
                        "A's debug image, pushed to A's repository: " + failed.getStatus().failure.debugImage);
                String snapshot = snapshotOf(docker, a);
                assertTrue(docker.inspectImage(privateImage + ":1").isPresent(), "A's image is on the shared host");

                for (String base : List.of(privateImage + ":1", privateImage + ":2-failed", snapshot)) {
                    String name = "steal-" + UUID.randomUUID().toString().substring(0, 6);
                    ImageBuild steal = b.imageBuild(name, b.registry() + "/tenant-b/stolen:" + name);
                    steal.getSpec().baseImage = base;
                    steal.getSpec().playbook = STEAL;
                    b.apply(client, steal);
                    ImageBuild refused = finished(client, b, name);
                    assertEquals("InvalidSpec", refused.getStatus().failure.reason, base);
                    assertTrue(refused.getStatus().failure.message.contains(base), refused.getStatus().failure.message);
                }
                String encoded = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
                List<String> leaks = b.visibleTexts(client).stream()
                        .filter(text -> text.contains(secret) || text.contains(encoded)).toList();
                assertEquals(List.of(), leaks, "what B can read of its builds that named A's images");

                // the same build as A's, in B: it must not resume on A's snapshot
                ImageBuild own = b.imageBuild("own", ownImage);
                own.getSpec().playbook = KEEP_PRIVATE;
                own.getSpec().vars.put("private_value", TextNode.valueOf(secret));
                b.apply(client, own);
                ImageBuild built = finished(client, b, "own");
                assertEquals(Phase.SUCCEEDED, built.getStatus().phase, failure(client, b, "own"));
                assertEquals(0, built.getStatus().cacheHits, "A's snapshots do not serve B");
            } finally {
                removeImagesOf(docker, a);
                removeImagesOf(docker, b);
                docker.removeImage(privateImage + ":1");
                docker.removeImage(ownImage);
            }
        }
    }

    @Test
    void anImageBuildWithoutAPushSecretIsRefusedThoughTheOperatorsDockerConfigCouldPush() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        try (LoopbackRegistry registry = LoopbackRegistry.start("operator-own");
             ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client()) {
            ImageBuildOperatorIT.installCrd(client);
            Tenant tenant = Tenant.create(client, "tenant-c", env.credentials(env.tlsRegistry()));
            withOperatorDockerConfig(registry.credentials(), () -> {
                try (RealOperator ignored = RealOperator.start(client, new RealOperator.Setup(1, RealOperator.DEV_ENV, Optional.empty(), Set.of()))) {
                    ImageBuild build = tenant.imageBuild("unpushable", registry.address() + "/tenant-c/app:1");
                    build.getSpec().output.pushSecretRef = null;
                    build.getSpec().pullSecretRef = null;
                    tenant.apply(client, build);
                    await().atMost(2, TimeUnit.MINUTES).until(() -> ready(client, tenant, "unpushable")
                            .filter(c -> "InvalidSpec".equals(c.reason)).isPresent());
                    String message = ready(client, tenant, "unpushable").orElseThrow().message;
                    assertTrue(message.contains("spec.output.pushSecretRef is required"), message);
                    assertFalse(tenant.get(client, "unpushable").orElseThrow().getStatus().phase == Phase.SUCCEEDED);
                }
            });
        }
    }

    @Test
    void aPullWithoutCredentialsNeverUsesTheProcesssDockerConfig() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        try (LoopbackRegistry registry = LoopbackRegistry.start("operator-own")) {
            String image = registry.address() + "/own/base:1";
            try (DockerHost docker = DockerHost.connect(env.dockerHost())) {
                docker.tag(env.busyboxImage(), image);
                docker.push(image, Optional.of(registry.credentials()));
                docker.removeImage(image);
            }
            withOperatorDockerConfig(registry.credentials(), () -> {
                try (DockerHost docker = DockerHost.connect(env.dockerHost())) {
                    RegistryException refused = assertThrows(RegistryException.class,
                            () -> docker.pull(image, Optional.empty()));
                    assertEquals(RegistryException.Kind.UNAUTHORIZED, refused.kind());
                    docker.tag(env.busyboxImage(), image);
                    refused = assertThrows(RegistryException.class, () -> docker.push(image, Optional.empty()));
                    assertEquals(RegistryException.Kind.UNAUTHORIZED, refused.kind());
                    docker.removeImage(image);
                }
            });
        }
    }

    /**
     * Runs with docker-java's own configuration pointing at a Docker config that can push to and pull from the
     * registry: what an operator pod with a mounted {@code ~/.docker/config.json} would have.
     */
    private void withOperatorDockerConfig(RegistryCredentials credentials, ThrowingRunnable body) throws Exception {
        String auth = Base64.getEncoder().encodeToString((credentials.username() + ":" + credentials.password())
                .getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("config.json"),
                "{\"auths\":{\"" + credentials.registry() + "\":{\"auth\":\"" + auth + "\"}}}");
        String before = System.getProperty("DOCKER_CONFIG");
        System.setProperty("DOCKER_CONFIG", dir.toString());
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty("DOCKER_CONFIG");
            } else {
                System.setProperty("DOCKER_CONFIG", before);
            }
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static ImageBuild finished(KubernetesClient client, Tenant tenant, String name) {
        await().atMost(5, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(500)).until(() -> tenant.get(client, name)
                .map(ImageBuild::getStatus).filter(s -> s.phase != null && s.phase.isTerminal()).isPresent());
        return tenant.get(client, name).orElseThrow();
    }

    private static String failure(KubernetesClient client, Tenant tenant, String name) {
        return tenant.get(client, name).map(ImageBuild::getStatus).map(s -> s.failure)
                .map(f -> f.reason + ": " + f.message).orElse("");
    }

    private static Optional<dev.playbake.api.v1alpha1.Condition> ready(KubernetesClient client, Tenant tenant,
                                                                      String name) {
        return tenant.get(client, name).map(ImageBuild::getStatus)
                .flatMap(s -> StatusComposer.find(s.conditions, StatusComposer.READY));
    }

    /** A's snapshot on the host: the cache scope label says whose it is. */
    private static String snapshotOf(DockerHost docker, Tenant tenant) {
        return docker.imagesLabelled("playbake.dev/cache-scope=" + tenant.namespace()).stream()
                .flatMap(image -> image.tags().stream()).filter(tag -> tag.startsWith("playbake-cache/"))
                .findFirst().orElseThrow(() -> new AssertionError("A's build left no snapshot"));
    }

    /** Removes the tenant's snapshots and debug images from the shared host. */
    private static void removeImagesOf(DockerHost docker, Tenant tenant) {
        List<ImageSummary> snapshots = docker.imagesLabelled("playbake.dev/cache-scope=" + tenant.namespace());
        List<ImageSummary> debugImages = docker.imagesLabelled("playbake.dev/debug-image=true").stream()
                .filter(image -> image.tags().stream().anyMatch(t -> t.startsWith(tenant.registry()))).toList();
        for (ImageSummary image : Stream.concat(snapshots.stream(), debugImages.stream()).toList()) {
            List<String> tags = image.tags().stream().filter(tag -> !tag.contains("<none>")).toList();
            tags.forEach(docker::removeImage);
            if (tags.isEmpty()) {
                docker.removeImage(image.id());
            }
        }
    }
}
