package dev.playbake.operator;

import dev.playbake.api.v1alpha1.ConfigMapKeyRef;
import dev.playbake.api.v1alpha1.FilesFrom;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildSpec;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.api.v1alpha1.LocalObjectRef;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.api.v1alpha1.PlaybookFrom;
import dev.playbake.api.v1alpha1.SecretVarsFrom;
import dev.playbake.docker.DockerHost;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Editing a ConfigMap or Secret an ImageBuild names rebuilds that ImageBuild within seconds, and no other, on real
 * parts: kube-apiserver, the operator in this JVM watching two namespaces (its ConfigMap and Secret informers), the
 * dev-env Docker engine and registry. The rebuilt image, pulled and run, has the edited content.
 */
class InputsChangeIT {

    /** Longest from an edit to the new build's start (status.buildCounter up). */
    private static final Duration EDIT_TO_BUILD = Duration.ofSeconds(10);
    private static final String FILES_PLAYBOOK = """
            - hosts: all
              tasks:
                - name: the motd from filesFrom
                  ansible.builtin.copy:
                    src: motd.txt
                    dest: /motd.txt
            """;
    private static final String TOKEN_PLAYBOOK = """
            - hosts: all
              tasks:
                - name: keep only the token's hash
                  ansible.builtin.shell: printf %s '{{ token }}' | sha256sum | cut -d' ' -f1 > /token.sha256
            """;

    private static final TestEnvironment env = TestEnvironment.get();
    private static final String repository = env.registry() + "/playbake-it/inputs-"
            + UUID.randomUUID().toString().substring(0, 8);
    private static ApiServer apiServer;
    private static KubernetesClient client;
    private static RealOperator operator;
    private static DockerHost docker;

    @BeforeAll
    static void start() throws IOException {
        apiServer = ApiServer.start();
        client = apiServer.client();
        ImageBuildOperatorIT.installCrd(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("other").endMetadata().build())
                .create();
        // two watched namespaces: the informers of each keep their own store (InputsEventSources)
        operator = RealOperator.start(client, RealOperator.devEnv(client, 2).watching(Set.of("default", "other")));
        docker = DockerHost.connect(env.dockerHost());
    }

    @AfterAll
    static void stop() {
        docker.close();
        operator.close();
        client.close();
        apiServer.close();
    }

    @Test
    void editingAConfigMapRebuildsTheImageBuildsThatReadItAndNoOther() throws Exception {
        for (String namespace : new String[]{"default", "other"}) {
            configMap(namespace, "site-playbook", Map.of("site.yml", FILES_PLAYBOOK));
            configMap(namespace, "site-files", Map.of("motd.txt", namespace + " first\n"));
        }
        configMap("default", "bystander-files", Map.of("motd.txt", "bystander\n"));
        create(filesBuild("default", "site", "site-files"));
        create(filesBuild("default", "bystander", "bystander-files"));
        create(filesBuild("other", "site", "site-files"));
        ImageBuildStatus first = awaitSucceeded("default", "site", 1);
        awaitSucceeded("default", "bystander", 1);
        awaitSucceeded("other", "site", 1);
        assertEquals("default first", run(first.latestImage, "/motd.txt"));

        client.configMaps().inNamespace("default").withName("site-files")
                .edit(c -> new ConfigMapBuilder(c).addToData("motd.txt", "default second\n").build());
        measureEditToBuild("ConfigMap", "default", "site", first);

        ImageBuildStatus second = awaitSucceeded("default", "site", 2);
        assertNotEquals(first.buildId, second.buildId);
        assertNotEquals(first.latestImage, second.latestImage);
        assertEquals("default second", run(second.latestImage, "/motd.txt"));
        await().during(2, TimeUnit.SECONDS).atMost(5, TimeUnit.SECONDS).until(() ->
                counter("default", "bystander") == 1 && counter("other", "site") == 1);
        assertEquals(Phase.SUCCEEDED, status("other", "site").phase, "the same name in another namespace is not it");

        ImageBuildStatus elsewhere = status("other", "site");
        client.configMaps().inNamespace("other").withName("site-files")
                .edit(c -> new ConfigMapBuilder(c).addToData("motd.txt", "other second\n").build());
        measureEditToBuild("ConfigMap (second namespace)", "other", "site", elsewhere);
        assertEquals("other second", run(awaitSucceeded("other", "site", 2).latestImage, "/motd.txt"));
        assertEquals(2, counter("default", "site"));
    }

    @Test
    void editingASecretOfSecretVarsRebuildsWithTheNewValue() throws Exception {
        secret("tokened-secrets", "one");
        secret("untouched-secrets", "other");
        create(tokenBuild("tokened", "tokened-secrets"));
        create(tokenBuild("untouched", "untouched-secrets"));
        ImageBuildStatus first = awaitSucceeded("default", "tokened", 1);
        awaitSucceeded("default", "untouched", 1);
        assertEquals(InputsHash.sha256Hex("one"), run(first.latestImage, "/token.sha256"));

        client.secrets().inNamespace("default").withName("tokened-secrets")
                .edit(s -> new SecretBuilder(s).withData(null).withStringData(Map.of("token", "two")).build());
        measureEditToBuild("Secret", "default", "tokened", first);

        ImageBuildStatus second = awaitSucceeded("default", "tokened", 2);
        assertNotEquals(first.buildId, second.buildId);
        assertEquals(InputsHash.sha256Hex("two"), run(second.latestImage, "/token.sha256"));
        await().during(2, TimeUnit.SECONDS).atMost(5, TimeUnit.SECONDS)
                .until(() -> counter("default", "untouched") == 1);
    }

    /** Waits for the new build of an edited input, no longer than {@link #EDIT_TO_BUILD}, and prints how long. */
    private static void measureEditToBuild(String what, String namespace, String name, ImageBuildStatus before) {
        long edited = System.nanoTime();
        await().atMost(EDIT_TO_BUILD).pollInterval(Duration.ofMillis(20))
                .until(() -> counter(namespace, name) > before.buildCounter);
        System.out.println("[measure] " + what + " edit -> new build started: "
                + (System.nanoTime() - edited) / 1_000_000 + " ms");
        assertNotEquals(before.buildId, status(namespace, name).buildId);
    }

    private static ImageBuild filesBuild(String namespace, String name, String files) {
        ImageBuild build = imageBuild(namespace, name);
        build.getSpec().playbook = null;
        build.getSpec().playbookFrom = new PlaybookFrom();
        build.getSpec().playbookFrom.configMapKeyRef = new ConfigMapKeyRef("site-playbook", "site.yml");
        FilesFrom from = new FilesFrom();
        from.configMapRef = new LocalObjectRef(files);
        build.getSpec().filesFrom.add(from);
        return build;
    }

    private static ImageBuild tokenBuild(String name, String secret) {
        ImageBuild build = imageBuild("default", name);
        build.getSpec().playbook = TOKEN_PLAYBOOK;
        SecretVarsFrom from = new SecretVarsFrom();
        from.secretRef = new LocalObjectRef(secret);
        build.getSpec().secretVars.add(from);
        return build;
    }

    private static ImageBuild imageBuild(String namespace, String name) {
        ImageBuild build = ImageBuilds.imageBuild(name, repository + ":" + namespace + "-" + name);
        build.getMetadata().setNamespace(namespace);
        build.getSpec().vars.clear();
        // the playbooks need no network, and the builds then need no bridge on the Docker host
        build.getSpec().network = ImageBuildSpec.Network.NONE;
        return build;
    }

    private static void configMap(String namespace, String name, Map<String, String> data) {
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .endMetadata().withData(data).build()).create();
    }

    private static void secret(String name, String token) {
        client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName(name)
                .endMetadata().withStringData(Map.of("token", token)).build()).create();
    }

    private static void create(ImageBuild build) {
        client.resources(ImageBuild.class).inNamespace(build.getMetadata().getNamespace()).resource(build).create();
    }

    private static ImageBuildStatus status(String namespace, String name) {
        return Optional.ofNullable(client.resources(ImageBuild.class).inNamespace(namespace).withName(name).get())
                .map(ImageBuild::getStatus).orElseGet(ImageBuildStatus::new);
    }

    private static long counter(String namespace, String name) {
        return Optional.ofNullable(status(namespace, name).buildCounter).orElse(0L);
    }

    /** Waits until build number {@code counter} succeeded; fails at once on a failure. */
    private static ImageBuildStatus awaitSucceeded(String namespace, String name, long counter) {
        await().atMost(5, TimeUnit.MINUTES).until(() -> {
            ImageBuildStatus status = status(namespace, name);
            assertTrue(status.phase != Phase.FAILED, () -> namespace + "/" + name + " failed: "
                    + (status.failure == null ? "" : status.failure.message));
            return Long.valueOf(counter).equals(status.buildCounter) && status.phase == Phase.SUCCEEDED;
        });
        return status(namespace, name);
    }

    /** The file's content in the pushed image, pulled from the registry by its digest. */
    private static String run(String image, String file) throws Exception {
        docker.pull(image, Optional.of(env.credentials(env.registry())));
        Process process = new ProcessBuilder("/usr/bin/docker", "run", "--rm", "--network", "none", image, "cat", file)
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out.strip();
    }
}
