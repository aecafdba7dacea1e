package dev.playbake.operator;

import dev.playbake.api.v1alpha1.Condition;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.api.v1alpha1.LocalObjectRef;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.api.v1alpha1.ProgressStatus;
import dev.playbake.api.v1alpha1.RetrySpec;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.operator.reconcile.StatusComposer;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Status that stays small and failures with the right reason, on real parts: kube-apiserver with the committed
 * CRD, the operator with the real ImageBuilder on the Docker engine, and the authenticated registry.
 */
class OperatorStatusIT {

    private static final String TEAM_B = "team-b";

    private static final TestEnvironment env = TestEnvironment.get();
    private static final String repository = env.registry() + "/playbake-it/status-"
            + UUID.randomUUID().toString().substring(0, 8);
    private static ApiServer apiServer;
    private static KubernetesClient client;
    private static RealOperator operator;

    @BeforeAll
    static void start() throws Exception {
        apiServer = ApiServer.start();
        client = apiServer.client();
        ImageBuildOperatorIT.installCrd(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(TEAM_B).endMetadata().build())
                .create();
        registrySecret("default");
        registrySecret(TEAM_B);
        operator = RealOperator.start(client, 2);
    }

    @AfterAll
    static void stop() {
        operator.close();
        client.close();
        apiServer.close();
    }

    @Test
    void aPlaybookOf25000TasksSucceedsWithAStatusWellUnder100KB() {
        ImageBuild many = build("default", "many", repository + ":many", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - include_tasks: hundred.yml
                      loop: "{{ range(250) | list }}"
                """);
        // jinjava's range() stops at 1,000 items: 250 inclusions of 100 tasks make the 25,000
        StringBuilder hundred = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            hundred.append("- name: fact ").append(i).append(" of item {{ item }}\n  set_fact:\n    f").append(i)
                    .append(": \"{{ item }}\"\n");
        }
        many.getSpec().files.put("hundred.yml", hundred.toString());
        long start = System.nanoTime();
        create(many);

        ImageBuild done = awaitEnd("default", "many", 15);

        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        ImageBuildStatus status = done.getStatus();
        int size = Serialization.asJson(status).getBytes(StandardCharsets.UTF_8).length;
        System.out.println("[measure] 25,000-task playbook: status " + size + " bytes, " + status.taskCounts.total
                + " tasks, apply -> Ready " + seconds + " s");
        assertEquals("True", ready(done).status, ready(done).message);
        assertEquals(Phase.SUCCEEDED, status.phase);
        assertTrue(status.taskCounts.total >= 25_000, "tasks " + status.taskCounts.total);
        assertTrue(size < 100_000, "status of " + size + " bytes");
        assertEquals(20, status.tasks.size());
        assertEquals(status.taskCounts.total + "/" + status.taskCounts.total, status.progress.summary,
                "every task counted once it succeeded");
    }

    @Test
    void aFinishedBuildKeepsItsProgressCountingThePlaybooksTasksNotTheFactGathering() {
        String playbook = """
                - hosts: all
                  tasks:
                    - name: one
                      command: "echo %s"
                    - name: two
                      command: "%s"
                    - name: three
                      command: "true"
                """;
        // a playbook of its own each build: snapshots outlive a run on the Docker host, and a build resumed from
        // one gathers no facts (they come with the snapshot)
        String run = UUID.randomUUID().toString();
        create(build("default", "counted", repository + ":counted", playbook.formatted(run, "true")));
        create(build("default", "counted-failing", repository + ":counted-failing",
                playbook.formatted(run + "-failing", "false")));

        ImageBuild succeeded = awaitEnd("default", "counted", 3);
        ImageBuild failed = awaitEnd("default", "counted-failing", 3);

        assertEquals(Phase.SUCCEEDED, succeeded.getStatus().phase, ready(succeeded).message);
        ProgressStatus progress = succeeded.getStatus().progress;
        assertEquals("3/3", progress.summary, "kubectl get's PROGRESS after success");
        assertEquals(3, progress.completedTasks);
        assertEquals(3, progress.totalTasks);
        assertNull(progress.currentTask);
        assertEquals(4, succeeded.getStatus().taskCounts.total, "Gathering Facts ran, and is still listed");
        assertEquals(Phase.FAILED, failed.getStatus().phase, ready(failed).message);
        assertEquals("2/3", failed.getStatus().progress.summary, "how far the failed build got");
    }

    @Test
    void theCrdRefusesOutputReferencesThatCannotBePushed() {
        for (String reference : List.of("https://reg/x:1", env.registry() + "/Team/Web:1",
                env.registry() + "/web:" + "t".repeat(200))) {
            ImageBuild invalid = build("default", "bad-ref", reference, ImageBuilds.PLAYBOOK);
            KubernetesClientException error = assertThrows(KubernetesClientException.class, () -> create(invalid),
                    reference);
            assertTrue(error.getMessage().contains("spec.output.image"), error.getMessage());
        }
    }

    @Test
    void theOperatorRefusesARepositoryNameOver255CharactersAsInvalidSpecWithoutRetrying() {
        ImageBuild tooLong = build("default", "long-repo", env.registry() + "/" + "a".repeat(300) + ":1",
                ImageBuilds.PLAYBOOK);
        create(tooLong);

        ImageBuild failed = awaitEnd("default", "long-repo", 2);

        assertEquals("InvalidSpec", ready(failed).reason);
        assertTrue(ready(failed).message.contains("at most 255"), ready(failed).message);
        assertNull(failed.getStatus().nextRetryTime);
        assertNull(failed.getStatus().buildId, "no build ran");
    }

    @Test
    void aVarsFileOutsideTheBuildContextIsInvalidSpecNamingIt() {
        create(build("default", "vars-outside", repository + ":vars", """
                - hosts: all
                  gather_facts: false
                  vars_files:
                    - /etc/passwd
                  tasks:
                    - debug:
                        msg: never
                """));

        ImageBuild failed = awaitEnd("default", "vars-outside", 3);

        assertEquals("InvalidSpec", ready(failed).reason, ready(failed).message);
        assertTrue(ready(failed).message.contains("vars file /etc/passwd not found: a build reads only files of"
                + " its build context"), ready(failed).message);
        assertNull(failed.getStatus().nextRetryTime);
    }

    @Test
    void aBuildContainerRemovedMidBuildIsAHostFaultThatIsRetried() throws Exception {
        ImageBuild sleeper = build("default", "removed", repository + ":removed", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: wait a minute
                      command: sleep 60
                """);
        sleeper.getSpec().retry = new RetrySpec();
        sleeper.getSpec().retry.limit = 1;
        sleeper.getSpec().retry.backoff = "1h";
        create(sleeper);
        await().atMost(3, TimeUnit.MINUTES).until(() -> Optional.ofNullable(get("default", "removed").getStatus())
                .map(s -> s.progress).map(p -> "wait a minute".equals(p.currentTask)).orElse(false));

        String containers = docker("ps", "-aq", "--filter", "label=playbake.dev/owner=default/removed").strip();
        assertTrue(!containers.isEmpty(), "the build container runs");
        List<String> remove = new java.util.ArrayList<>(List.of("rm", "-f"));
        remove.addAll(List.of(containers.split("\\s+")));
        docker(remove.toArray(String[]::new));

        await().atMost(2, TimeUnit.MINUTES).until(() -> get("default", "removed").getStatus().nextRetryTime != null);
        ImageBuild retrying = get("default", "removed");
        assertEquals("HostUnavailable", ready(retrying).reason, ready(retrying).message);
        // the exec either ends killed (exit 137, a task failure on main) or finds its container gone
        assertTrue(ready(retrying).message.contains("removed or stopped from outside the build while task"
                + " 'wait a minute' ran") || ready(retrying).message.contains("lost the build container"),
                ready(retrying).message);
        assertEquals(Phase.PENDING, retrying.getStatus().phase);
        client.resources(ImageBuild.class).inNamespace("default").withName("removed").delete();
    }

    @Test
    void aSecondImageBuildPushingTheSameTagInAnotherNamespaceWaitsNamingTheFirst() {
        String shared = repository + ":shared";
        create(build("default", "first", shared, ImageBuilds.PLAYBOOK));
        ImageBuild first = awaitEnd("default", "first", 3);
        assertEquals("True", ready(first).status, ready(first).message);

        create(build(TEAM_B, "second", shared, ImageBuilds.PLAYBOOK.replace("hello", "overwritten")));
        await().atMost(1, TimeUnit.MINUTES).until(() -> "TagConflict".equals(reason(TEAM_B, "second")));

        ImageBuild second = get(TEAM_B, "second");
        assertTrue(ready(second).message.contains("also pushed by ImageBuild default/first"), ready(second).message);
        assertNull(second.getStatus().buildId, "the second never built");
        await().atMost(10, TimeUnit.SECONDS).until(() -> client.v1().events().inNamespace(TEAM_B).list().getItems()
                .stream().anyMatch(e -> "TagConflict".equals(e.getReason())
                        && e.getMessage().contains("default/first")));
        assertEquals(first.getStatus().output.digest, get("default", "first").getStatus().output.digest);
    }

    private static ImageBuild build(String namespace, String name, String image, String playbook) {
        ImageBuild build = ImageBuilds.imageBuild(name, image);
        build.getMetadata().setNamespace(namespace);
        build.getSpec().baseImage = env.busyboxImage();
        build.getSpec().playbook = playbook;
        build.getSpec().output.pushSecretRef = new LocalObjectRef("regcred");
        return build;
    }

    private static void create(ImageBuild build) {
        client.resources(ImageBuild.class).inNamespace(build.getMetadata().getNamespace()).resource(build).create();
    }

    private static ImageBuild get(String namespace, String name) {
        return client.resources(ImageBuild.class).inNamespace(namespace).withName(name).get();
    }

    /** Waits until the build succeeded or failed for good (no retry pending). */
    private static ImageBuild awaitEnd(String namespace, String name, int minutes) {
        await().atMost(minutes, TimeUnit.MINUTES).pollInterval(1, TimeUnit.SECONDS).until(() -> {
            ImageBuildStatus status = get(namespace, name).getStatus();
            return status != null && (status.phase == Phase.SUCCEEDED
                    || status.phase == Phase.FAILED && status.nextRetryTime == null);
        });
        return get(namespace, name);
    }

    private static String reason(String namespace, String name) {
        return Optional.ofNullable(get(namespace, name).getStatus())
                .flatMap(s -> StatusComposer.find(s.conditions, StatusComposer.READY)).map(c -> c.reason).orElse("");
    }

    private static Condition ready(ImageBuild build) {
        return StatusComposer.find(build.getStatus().conditions, StatusComposer.READY).orElseThrow();
    }

    private static void registrySecret(String namespace) {
        RegistryCredentials credentials = env.credentials(env.registry());
        String auth = Base64.getEncoder().encodeToString(
                (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
        String json = "{\"auths\":{\"" + env.registry() + "\":{\"auth\":\"" + auth + "\"}}}";
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("regcred")
                .endMetadata().withType("kubernetes.io/dockerconfigjson")
                .withStringData(Map.of(".dockerconfigjson", json)).build()).create();
    }

    private static String docker(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }
}
