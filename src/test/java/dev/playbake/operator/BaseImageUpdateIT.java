package dev.playbake.operator;

import dev.playbake.api.v1alpha1.Condition;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildSpec;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.api.v1alpha1.LocalObjectRef;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.api.v1alpha1.RebuildSpec;
import dev.playbake.docker.DockerHost;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.operator.reconcile.StatusComposer;
import dev.playbake.operator.runtime.TenantIsolation;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new image pushed under the base image's tag rebuilds the ImageBuilds that watch it, on real parts: the dev-env
 * registry (with auth) and Docker engine, kube-apiserver, the operator in this JVM under the chart's tenant isolation
 * (every base image pulled with the ImageBuild's own pull secret) and a minimum poll interval lowered to a second.
 * The rebuilt image has the new base's file; an ImageBuild on the same tag that does not watch is not rebuilt; a
 * lookup the registry refuses leaves the image Ready, warns, and the next lookup that works rebuilds.
 */
class BaseImageUpdateIT {

    /** How often the ImageBuilds here look their base image up. */
    private static final String INTERVAL = "2s";
    /** Longest from the push of a new base to the new build's start: an interval, a lookup, a reconcile. */
    private static final Duration PUSH_TO_BUILD = Duration.ofSeconds(20);
    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: note which base this was built on
                  ansible.builtin.shell: cat /base-marker > /seen-marker
            """;

    private static final TestEnvironment env = TestEnvironment.get();
    private static final String run = UUID.randomUUID().toString().substring(0, 8);
    private static final String output = env.registry() + "/playbake-it/digest-" + run;
    private static final RegistryCredentials credentials = env.credentials(env.registry());
    private static final List<String> localImages = new ArrayList<>();
    private static ApiServer apiServer;
    private static KubernetesClient client;
    private static RealOperator operator;
    private static DockerHost docker;

    @BeforeAll
    static void start() throws IOException {
        apiServer = ApiServer.start();
        client = apiServer.client();
        ImageBuildOperatorIT.installCrd(client);
        TenantIsolation chartDefaults = TenantIsolation.of(false, false, Duration.ofHours(24));
        operator = RealOperator.start(client, new RealOperator.Setup(2, chartDefaults,
                Optional.of(RealOperator.defaultPushSecret(client)), Set.of()).pollingAtLeastEvery(Duration.ofSeconds(1)));
        docker = DockerHost.connect(env.dockerHost());
        ImageBuilds.registrySecret(client, "default", "pull", credentials);
    }

    @AfterAll
    static void stop() throws Exception {
        for (String image : localImages) {
            docker("rmi", "-f", image);
        }
        docker.close();
        operator.close();
        client.close();
        apiServer.close();
    }

    @Test
    void aNewDigestBehindTheTagRebuildsTheWatchingImageBuildFromTheNewBaseAndNoOther() throws Exception {
        String base = env.registry() + "/playbake-it/digest-base-" + run + ":v1";
        String first = pushBase(base, "first");
        create(imageBuild("watching", base, "pull", INTERVAL));
        create(imageBuild("unwatched", base, "pull", null));
        ImageBuildStatus before = awaitSucceeded("watching", 1);
        awaitSucceeded("unwatched", 1);
        assertEquals(first, before.inputs.baseImageDigest);
        assertEquals("InputsChanged", before.buildReason);
        assertEquals(first, status("unwatched").inputs.baseImageDigest, "every build records its base's digest");
        assertEquals("first", contents(before.latestImage, "/seen-marker"));
        await().during(5, TimeUnit.SECONDS).atMost(10, TimeUnit.SECONDS).until(() -> counter("watching") == 1);

        String second = pushBase(base, "second");
        long pushed = System.nanoTime();
        await().atMost(PUSH_TO_BUILD).pollInterval(Duration.ofMillis(50)).until(() -> counter("watching") == 2);
        System.out.println("[measure] new base image digest pushed -> rebuild started: "
                + (System.nanoTime() - pushed) / 1_000_000 + " ms (poll interval " + INTERVAL + ")");

        ImageBuildStatus after = awaitSucceeded("watching", 2);
        assertEquals("BaseImageUpdated", after.buildReason);
        assertEquals(second, after.inputs.baseImageDigest);
        assertEquals(before.inputs.hash, after.inputs.hash, "the same inputs, on a new base");
        assertNotEquals(before.latestImage, after.latestImage);
        assertEquals("second", contents(after.latestImage, "/seen-marker"), "built from the new base");
        assertEquals("second", contents(after.latestImage, "/base-marker"));
        Event event = events("watching", "BaseImageUpdated").get(0);
        assertEquals("Normal", event.getType());
        assertEquals("base image " + base + " now names " + second + ", the last build started from " + first
                + "; building again", event.getMessage());
        await().during(3 * 2, TimeUnit.SECONDS).atMost(10, TimeUnit.SECONDS).until(() ->
                counter("watching") == 2 && counter("unwatched") == 1);
        assertEquals(first, status("unwatched").inputs.baseImageDigest, "not watching, not rebuilt");
    }

    @Test
    void aLookupTheRegistryRefusesKeepsTheImageReadyWarnsAndTheNextGoodLookupRebuilds() throws Exception {
        String base = env.registry() + "/playbake-it/digest-refused-" + run + ":v1";
        pushBase(base, "first");
        ImageBuilds.registrySecret(client, "default", "refused-pull", credentials);
        create(imageBuild("refused", base, "refused-pull", INTERVAL));
        ImageBuildStatus before = awaitSucceeded("refused", 1);

        ImageBuilds.registrySecret(client, "default", "refused-pull",
                new RegistryCredentials(credentials.registry(), credentials.username(), "wrong-password"));
        await().atMost(PUSH_TO_BUILD).until(() -> !events("refused", "BaseImageCheckFailed").isEmpty());
        // pushed only now that the lookups are refused: one with the old credentials would have seen it
        String second = pushBase(base, "second");
        Event warning = events("refused", "BaseImageCheckFailed").get(0);
        assertEquals("Warning", warning.getType());
        assertTrue(warning.getMessage().startsWith("digest lookup of " + base + ": registry " + env.registry()
                + " refused the credentials"), warning.getMessage());
        assertTrue(warning.getMessage().endsWith("; the image stays as built, the next look is in 2s"),
                warning.getMessage());
        await().during(3 * 2, TimeUnit.SECONDS).atMost(10, TimeUnit.SECONDS).until(() -> counter("refused") == 1);
        ImageBuildStatus kept = status("refused");
        assertEquals(Phase.SUCCEEDED, kept.phase);
        assertEquals("True", ready(kept).status, "a failed lookup fails nothing");
        assertEquals(before.latestImage, kept.latestImage);
        assertEquals(1, events("refused", "BaseImageCheckFailed").size(), "one warning per outage, not per look");

        ImageBuilds.registrySecret(client, "default", "refused-pull", credentials);
        ImageBuildStatus rebuilt = awaitSucceeded("refused", 2);
        assertEquals("BaseImageUpdated", rebuilt.buildReason);
        assertEquals(second, rebuilt.inputs.baseImageDigest);
    }

    /** Commits a busybox with {@code /base-marker} holding {@code marker} as {@code reference}, pushes it; its digest. */
    private static String pushBase(String reference, String marker) throws Exception {
        String container = "playbake-it-base-" + UUID.randomUUID().toString().substring(0, 8);
        docker("run", "--name", container, "--network", "none", env.busyboxImage(), "sh", "-c",
                "echo " + marker + " > /base-marker");
        docker("commit", container, reference);
        docker("rm", "-f", container);
        localImages.add(reference);
        return docker.push(reference, Optional.of(credentials));
    }

    private static ImageBuild imageBuild(String name, String base, String pullSecret, String interval) {
        ImageBuild build = ImageBuilds.imageBuild(name, output + ":" + name);
        build.getSpec().baseImage = base;
        build.getSpec().pullSecretRef = new LocalObjectRef(pullSecret);
        build.getSpec().playbook = PLAYBOOK;
        build.getSpec().vars.clear();
        build.getSpec().network = ImageBuildSpec.Network.NONE;
        if (interval != null) {
            build.getSpec().rebuild = new RebuildSpec();
            build.getSpec().rebuild.baseImagePollInterval = interval;
        }
        return build;
    }

    private static void create(ImageBuild build) {
        client.resources(ImageBuild.class).inNamespace("default").resource(build).create();
    }

    private static ImageBuildStatus status(String name) {
        return Optional.ofNullable(client.resources(ImageBuild.class).inNamespace("default").withName(name).get())
                .map(ImageBuild::getStatus).orElseGet(ImageBuildStatus::new);
    }

    private static long counter(String name) {
        return Optional.ofNullable(status(name).buildCounter).orElse(0L);
    }

    private static Condition ready(ImageBuildStatus status) {
        return StatusComposer.find(status.conditions, StatusComposer.READY).orElseThrow();
    }

    /** Waits until build number {@code counter} succeeded; fails at once on a failure. */
    private static ImageBuildStatus awaitSucceeded(String name, long counter) {
        await().atMost(3, TimeUnit.MINUTES).until(() -> {
            ImageBuildStatus status = status(name);
            assertTrue(status.phase != Phase.FAILED, () -> name + " failed: "
                    + (status.failure == null ? "" : status.failure.message));
            return Long.valueOf(counter).equals(status.buildCounter) && status.phase == Phase.SUCCEEDED;
        });
        return status(name);
    }

    private static List<Event> events(String name, String reason) {
        return client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())).toList();
    }

    /** The file's content in the pushed image, pulled from the registry by its digest. */
    private static String contents(String image, String file) throws Exception {
        docker.pull(image, Optional.of(credentials));
        localImages.add(image);
        return docker("run", "--rm", "--network", "none", image, "cat", file);
    }

    private static String docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + out);
        return out.strip();
    }
}
