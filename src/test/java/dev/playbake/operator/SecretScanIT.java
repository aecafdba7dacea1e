package dev.playbake.operator;

import dev.playbake.api.v1alpha1.CacheSpec;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.LocalObjectRef;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.api.v1alpha1.SecretVarsFrom;
import dev.playbake.docker.DockerHost;
import dev.playbake.operator.cluster.ConfigMapBuildLogs;
import dev.playbake.operator.reconcile.BuildLogs;
import dev.playbake.operator.reconcile.StatusComposer;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * A secret var used by a real build (on the command line of a task, registered, in a debug message) and pushed:
 * its value is found nowhere the operator or the build pipeline writes: status, events, the build log, the labels of every
 * snapshot and of the image, nor any file of any layer of the pushed image (scanned from {@code docker save}).
 */
class SecretScanIT {

    private static final String DOCKER = "/usr/bin/docker";
    private static final String PLAYBOOK = """
            - hosts: all
              tasks:
                - name: a change before the token is used, so that there is a snapshot of this build to scan
                  ansible.builtin.copy:
                    dest: /before.txt
                    content: "before\n"
                - name: use the token on a command line and keep only its hash
                  ansible.builtin.shell: printf %s '{{ api_token }}' | sha256sum | cut -d' ' -f1 > /token.sha256
                - name: echo the token into a registered result
                  ansible.builtin.command: echo {{ api_token }}
                  register: echoed
                - name: print it
                  ansible.builtin.debug:
                    msg: "the token is {{ echoed.stdout }}"
                - name: a later change, after which no snapshot may be taken (its state would hold the result)
                  ansible.builtin.copy:
                    dest: /done.txt
                    content: "done\\n"
            """;

    @TempDir
    Path dir;

    @Test
    void aSecretVarsValueIsInNoStatusEventLabelOrLayer() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        String secret = "s3cr3t-" + UUID.randomUUID();
        String repository = env.registry() + "/playbake-it/secret-" + UUID.randomUUID().toString().substring(0, 8);
        try (ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client();
             DockerHost docker = DockerHost.connect(env.dockerHost())) {
            ImageBuildOperatorIT.installCrd(client);
            ImageBuildEndToEndIT.createRegistrySecret(client, env);
            client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata()
                    .withName("tokens").endMetadata().withStringData(Map.of("api_token", secret)).build()).create();
            ImageBuild build = ImageBuilds.imageBuild("secret", repository + ":1");
            build.getSpec().playbook = PLAYBOOK;
            build.getSpec().output.pushSecretRef = new LocalObjectRef("regcred");
            build.getSpec().output.labels.put("org.opencontainers.image.title", "secret-scan");
            SecretVarsFrom from = new SecretVarsFrom();
            from.secretRef = new LocalObjectRef("tokens");
            build.getSpec().secretVars.add(from);
            build.getSpec().cache = new CacheSpec();
            build.getSpec().cache.snapshots = CacheSpec.Snapshots.EVERY_CHANGE;

            ImageBuild built;
            try (RealOperator ignored = RealOperator.start(client, 1)) {
                client.resources(ImageBuild.class).inNamespace("default").resource(build).create();
                // Ready passes through False (Pending) before the build starts: wait for the build's end
                await().atMost(3, TimeUnit.MINUTES).until(() -> ended(client));
                built = client.resources(ImageBuild.class).inNamespace("default").withName("secret").get();
                assertEquals("True", ready(client), Serialization.asYaml(built.getStatus()));
                ImageBuild ended = built;
                await().atMost(10, TimeUnit.SECONDS).until(() -> new ConfigMapBuildLogs(client, RealOperator.LOG_NAMESPACE)
                        .read(ended.getMetadata().getUid(), ended.getStatus().buildId).map(BuildLogs.Stored::complete)
                        .orElse(false));
            }
            String latest = built.getStatus().latestImage;

            ConfigMapBuildLogs logs = new ConfigMapBuildLogs(client, RealOperator.LOG_NAMESPACE);
            String uid = built.getMetadata().getUid();
            String buildId = built.getStatus().buildId;
            String log = logs.read(uid, buildId).orElseThrow().text();
            assertTrue(log.contains("the token is ********"), "the build log has the debug task, masked: " + log);
            String written = Serialization.asYaml(built) + String.join("\n", client.v1().events().inNamespace("default")
                    .list().getItems().stream().map(e -> e.getReason() + " " + e.getMessage()).toList()) + log;
            assertFalse(written.contains(secret), written);

            docker.removeImage(repository + ":1");
            docker.pull(latest, Optional.of(env.credentials(env.registry())));
            assertEquals(DigestUtils.sha256Hex(secret), Commands.ok(List.of(DOCKER, "run", "--rm", latest,
                    "cat", "/token.sha256")).strip(), "the build used the secret");

            String snapshotsOfThisBuild = Commands.ok(List.of(DOCKER, "images", "-q", "--filter",
                    "label=playbake.dev/build=" + built.getStatus().buildId)).strip();
            assertFalse(snapshotsOfThisBuild.isEmpty(), "the build left snapshots to scan");
            String labels = Commands.ok(List.of("sh", "-c", DOCKER + " image inspect --format '{{json .Config.Labels}}' "
                    + "$(" + DOCKER + " images -q --filter label=playbake.dev/cache-key | sort -u) " + latest));
            assertTrue(labels.contains(built.getStatus().buildId), "this build's snapshots are among those scanned");
            assertFalse(labels.contains(secret), "a snapshot or image label holds the secret");

            Path saved = dir.resolve("image.tar");
            Commands.ok(List.of(DOCKER, "save", "-o", saved.toString(), latest));
            List<String> layers = scanSave(saved, secret);
            assertTrue(layers.size() >= 2, "layers scanned: " + layers);
        } finally {
            Commands.run(List.of("sh", "-c", DOCKER + " images -q '" + repository + "' | sort -u | xargs -r "
                    + DOCKER + " rmi -f"), Duration.ofMinutes(1));
        }
    }

    /**
     * Every entry of the saved image (manifest, config, each layer tar) and every file inside each layer: none
     * may contain the secret. Returns the layers scanned.
     */
    static List<String> scanSave(Path saved, String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<String> layers = new ArrayList<>();
        try (TarArchiveInputStream outer = new TarArchiveInputStream(Files.newInputStream(saved))) {
            for (TarArchiveEntry entry; (entry = outer.getNextEntry()) != null; ) {
                if (!entry.isFile()) {
                    continue;
                }
                byte[] content = outer.readAllBytes();
                assertFalse(contains(content, needle), "the secret is in " + entry.getName());
                if (entry.getName().endsWith(".tar")) {
                    layers.add(entry.getName());
                    scanLayer(entry.getName(), new ByteArrayInputStream(content), needle);
                }
            }
        }
        return layers;
    }

    private static void scanLayer(String layer, InputStream tar, byte[] needle) throws IOException {
        try (TarArchiveInputStream files = new TarArchiveInputStream(tar)) {
            for (TarArchiveEntry file; (file = files.getNextEntry()) != null; ) {
                assertFalse(file.getName().contains(new String(needle, StandardCharsets.UTF_8)), layer + ": a file name");
                if (file.isFile()) {
                    assertFalse(contains(files.readAllBytes(), needle), "the secret is in " + layer + ":" + file.getName());
                }
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean ended(KubernetesClient client) {
        return Optional.ofNullable(client.resources(ImageBuild.class).inNamespace("default").withName("secret").get())
                .map(ImageBuild::getStatus).map(s -> s.phase).map(Phase::isTerminal).orElse(false);
    }

    private static String ready(KubernetesClient client) {
        return Optional.ofNullable(client.resources(ImageBuild.class).inNamespace("default").withName("secret").get())
                .map(ImageBuild::getStatus).flatMap(s -> StatusComposer.find(s.conditions, StatusComposer.READY))
                .map(c -> c.status).orElse("");
    }
}
