package dev.playbake.imagebuild;

import dev.playbake.connection.ConnectionException;
import dev.playbake.connection.ExecResult;
import dev.playbake.imagebuild.cache.Labels;
import dev.playbake.runtime.FakeContainerRuntime;
import dev.playbake.runtime.HostUnavailableException;
import dev.playbake.runtime.ImageSettings;
import dev.playbake.runtime.RegistryException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline's stages over an in-memory runtime: which stage ends a build with what, and that the
 * working container is gone afterwards on every path. The Docker ITs (BuildErrorsIT, LayerCacheIT …) check
 * the same against a real daemon.
 */
class ImageBuilderStagesTest {

    private static final byte[] KEY = "unit-test-key".getBytes(StandardCharsets.UTF_8);
    private static final String BASE = "base:1";
    private static final String TAG = "registry.test/app:1";
    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: first
                  command: /bin/true
                - name: second
                  command: /bin/marker
            """;

    private final FakeContainerRuntime runtime = new FakeContainerRuntime().image(BASE,
            new ImageSettings(List.of(), List.of("/bin/sh"), List.of("PATH=/bin"), "", "", List.of(), List.of(), Map.of()));
    private final RecordingListener listener = new RecordingListener();
    private final CancellationSignal cancellation = new CancellationSignal();

    @Test
    void aBuildCommitsTagsAndRemovesItsContainer() {
        BuildResult result = build(request(PLAYBOOK).build());

        BuildResult.Succeeded succeeded = assertInstanceOf(BuildResult.Succeeded.class, result);
        assertEquals(List.of(TAG), succeeded.tags());
        assertEquals(List.of(BuildPhase.PROVISIONING, BuildPhase.RUNNING, BuildPhase.COMMITTING), listener.phases);
        assertEquals(List.of("first=changed", "second=changed"), listener.statuses());
        assertTrue(runtime.calls().contains("tag " + TAG), runtime.calls().toString());
        assertEquals(List.of(), runtime.liveContainers());
    }

    @Test
    void aQuiescentContainerGivesTheLastSnapshotAndTheImageTheirOwnLabelsAndAnEditResumesFromTheSnapshot() {
        runtime.containers(connection -> connection.quiescent(true));
        BuildResult.Succeeded built = assertInstanceOf(BuildResult.Succeeded.class, build(request(PLAYBOOK).build()));

        assertEquals(2, listener.snapshots.size(), listener.snapshots.toString());
        String last = listener.snapshots.get(1);
        assertNotEquals(last, built.imageId());
        Map<String, String> snapshotLabels = runtime.inspectImage(last).orElseThrow().settings().labels();
        Map<String, String> imageLabels = runtime.inspectImage(built.imageId()).orElseThrow().settings().labels();
        assertFalse(snapshotLabels.getOrDefault(Labels.CACHE_KEY, "").isEmpty(), snapshotLabels.toString());
        assertTrue(snapshotLabels.getOrDefault(Labels.IMAGE_KEY, "").isEmpty(), snapshotLabels.toString());
        assertFalse(imageLabels.getOrDefault(Labels.IMAGE_KEY, "").isEmpty(), imageLabels.toString());
        assertTrue(imageLabels.getOrDefault(Labels.CACHE_KEY, "").isEmpty(), imageLabels.toString());

        build(request(PLAYBOOK + "    - name: third\n      command: /bin/third\n").build());
        assertEquals(List.of("first=cached", "second=cached", "third=changed"), listener.statuses());
    }

    @Test
    void underTheOperatorsPolicyARebuildRemovesTheFinishedImageItsTagWasTakenFrom() {
        ImageBuilder operator = new ImageBuilder(runtime, KEY, Map.of()).withTenancy(new TenancyPolicy(
                TenancyPolicy.BaseImages.LOCAL_FIRST, TenancyPolicy.DebugImages.ALWAYS, false, true));
        String first = imageId(operator.build(request(PLAYBOOK).build(), listener, cancellation));
        String second = imageId(operator.build(request(PLAYBOOK.replace("/bin/marker", "/bin/other")).build(),
                listener, cancellation));

        assertNotEquals(first, second);
        assertTrue(runtime.inspectImage(first).isEmpty(), "the superseded image went");
        assertEquals(List.of(TAG), runtime.inspectImage(second).orElseThrow().tags());
    }

    @Test
    void theCliKeepsTheFinishedImageItsTagWasTakenFrom() {
        String first = imageId(build(request(PLAYBOOK).build()));
        imageId(build(request(PLAYBOOK.replace("/bin/marker", "/bin/other")).build()));

        assertEquals(List.of(), runtime.inspectImage(first).orElseThrow().tags(), "dangling, as docker build leaves it");
    }

    @Test
    void aClosedPublishGateEndsTheBuildCanceledBeforeItTagsOrPushes() {
        ImageBuilder builder = new ImageBuilder(runtime, KEY, Map.of())
                .withPublishGate(() -> java.util.Optional.of("lost the lease"));

        BuildResult result = builder.build(request(PLAYBOOK).push(true).build(), listener, cancellation);

        assertEquals("lost the lease", assertInstanceOf(BuildResult.Canceled.class, result).reason());
        assertTrue(runtime.calls().stream().noneMatch(c -> c.equals("tag " + TAG) || c.startsWith("push ")),
                runtime.calls().toString());
        assertEquals(List.of(), runtime.liveContainers());
    }

    @Test
    void aSecondBuildReusesTheFinishedImageWithoutAContainer() {
        build(request(PLAYBOOK).build());
        int startsBefore = starts();

        BuildResult result = build(request(PLAYBOOK).build());

        assertInstanceOf(BuildResult.Succeeded.class, result);
        assertEquals(startsBefore, starts());
        assertEquals(0, listener.execs);
        assertEquals(2, listener.count(TaskReport.Status.CACHED));
    }

    @Test
    void aFailedTaskLeavesADebugImageAndNoContainer() {
        runtime.containers(c -> c.reply("/bin/marker", new ExecResult(1, "", "broken")));

        BuildResult result = build(request(PLAYBOOK).build());

        BuildFailure failure = assertInstanceOf(BuildResult.Failed.class, result).failure();
        assertEquals(BuildFailure.Reason.PLAYBOOK_FAILED, failure.reason());
        assertEquals("second", failure.task().orElseThrow());
        assertEquals("registry.test/app:1-failed", failure.debugImage().orElseThrow());
        assertEquals(List.of(), runtime.liveContainers());
    }

    @Test
    void underTheTenantPolicyAFailedBuildGivenSecretsKeepsNoDebugImageAndSaysSo() {
        runtime.containers(c -> c.reply("/bin/marker", new ExecResult(1, "", "broken")));
        ImageBuilder builder = new ImageBuilder(runtime, KEY, Map.of()).withTenancy(new TenancyPolicy(
                TenancyPolicy.BaseImages.PULL_OR_LOCAL_ONLY, TenancyPolicy.DebugImages.WITHOUT_SECRETS));

        BuildFailure failure = failure(builder.build(request(PLAYBOOK).secretVars(Map.of("token", "s3cret")).build(),
                listener, cancellation));

        assertEquals(BuildFailure.Reason.PLAYBOOK_FAILED, failure.reason());
        assertTrue(failure.debugImage().isEmpty());
        assertTrue(failure.message().endsWith("\ndebug image not kept: the build used secret vars"), failure.message());
        assertTrue(runtime.calls().stream().noneMatch(c -> c.endsWith("-failed")), runtime.calls().toString());
    }

    @Test
    void aDebugImageIsMarkedSoThatItCanBeSweptLater() {
        runtime.containers(c -> c.reply("/bin/marker", new ExecResult(1, "", "broken")));

        build(request(PLAYBOOK).build());

        assertEquals(1, runtime.imagesLabelled("playbake.dev/debug-image=true").size());
    }

    @Test
    void anotherCacheScopeReusesNeitherTheFinishedImageNorASnapshot() {
        build(request(PLAYBOOK).cacheScope("team-a").build());
        int startsBefore = starts();

        build(request(PLAYBOOK).cacheScope("team-b").build());

        assertEquals(startsBefore + 1, starts());
        assertEquals(0, listener.count(TaskReport.Status.CACHED));
        assertTrue(runtime.imagesLabelled("playbake.dev/cache-scope=team-b").size() > 0);
    }

    @Test
    void aCancelDuringATaskEndsTheBuildCanceledAndRemovesTheContainer() {
        runtime.containers(c -> c.reply("/bin/true", request -> {
            cancellation.cancel("user asked");
            return new ExecResult(0, "", "");
        }));

        BuildResult result = build(request(PLAYBOOK).build());

        assertEquals("user asked", assertInstanceOf(BuildResult.Canceled.class, result).reason());
        assertEquals(List.of(), runtime.liveContainers());
    }

    @Test
    void theTimeoutIsAFailureOfItsOwn() {
        runtime.containers(c -> c.reply("/bin/true", request -> {
            cancellation.cancel("timeout");
            return new ExecResult(0, "", "");
        }));

        BuildResult result = build(request(PLAYBOOK).build());

        assertEquals(BuildFailure.Reason.TIMEOUT, assertInstanceOf(BuildResult.Failed.class, result).failure().reason());
        assertEquals(List.of(), runtime.liveContainers());
    }

    @Test
    void aLostContainerIsAnUnavailableHost() {
        runtime.containers(c -> c.reply("/bin/marker", request -> {
            throw new ConnectionException("container is gone");
        }));

        BuildFailure failure = failure(build(request(PLAYBOOK).build()));

        assertEquals(BuildFailure.Reason.HOST_UNAVAILABLE, failure.reason());
        assertTrue(failure.message().startsWith("lost the build container: "), failure.message());
        assertEquals(List.of(), runtime.liveContainers());
    }

    @Test
    void aContainerRemovedFromOutsideDuringATaskIsAnUnavailableHostNotAFailedPlaybook() {
        runtime.containers(c -> c.reply("/bin/marker", request -> {
            runtime.liveContainers().forEach(runtime::removeContainer);
            return new ExecResult(137, "", "");
        }));

        BuildFailure failure = failure(build(request(PLAYBOOK).build()));

        assertEquals(BuildFailure.Reason.HOST_UNAVAILABLE, failure.reason());
        assertTrue(failure.message().contains("removed or stopped from outside the build while task 'second' ran"),
                failure.message());
        assertTrue(failure.debugImage().isEmpty());
    }

    @Test
    void aVarsFileOutsideTheBuildContextIsAnInvalidSpecNamingIt() {
        String playbook = """
                - hosts: all
                  gather_facts: false
                  vars_files:
                    - /etc/passwd
                  tasks:
                    - command: /bin/true
                """;

        BuildFailure failure = failure(build(request(playbook).build()));

        assertEquals(BuildFailure.Reason.INVALID_SPEC, failure.reason());
        assertTrue(failure.message().startsWith("vars file /etc/passwd not found: a build reads only files of its"
                + " build context"), failure.message());
        assertEquals(List.of(), runtime.liveContainers());
    }

    @Test
    void aContainerThatCannotStartIsAnUnavailableHost() {
        runtime.fail("startContainer", new HostUnavailableException("daemon went away", null));

        BuildFailure failure = failure(build(request(PLAYBOOK).build()));

        assertEquals(BuildFailure.Reason.HOST_UNAVAILABLE, failure.reason());
        assertEquals("could not start the build container: daemon went away", failure.message());
        assertEquals(List.of(BuildPhase.PROVISIONING), listener.phases);
    }

    @Test
    void aCommitThatFailsStillRemovesTheContainer() {
        runtime.fail("commit", new HostUnavailableException("disk full", null));

        // AUTO snapshots the last steps that changed something: the commit fails during the run
        BuildFailure failure = failure(build(request(PLAYBOOK).snapshots(BuildRequest.SnapshotPolicy.AUTO).build()));

        assertEquals(BuildFailure.Reason.HOST_UNAVAILABLE, failure.reason());
        assertTrue(failure.message().endsWith("disk full"), failure.message());

        assertEquals(List.of(), runtime.liveContainers());
    }

    @Test
    void aRequestWithoutTagsFailsBeforeAnyContainer() {
        BuildFailure failure = failure(build(request(PLAYBOOK).tags(List.of()).build()));

        assertEquals(BuildFailure.Reason.INVALID_SPEC, failure.reason());
        assertEquals(0, starts());
    }

    @Test
    void aBaseImageThatCannotBePulledFailsByKind() {
        assertEquals(BuildFailure.Reason.INVALID_SPEC,
                failure(build(request(PLAYBOOK).baseImage("missing:1").build())).reason());

        runtime.fail("pull", new RegistryException(RegistryException.Kind.TRANSIENT, "registry down"));
        assertEquals(BuildFailure.Reason.PULL_FAILED,
                failure(build(request(PLAYBOOK).baseImage("missing:1").build())).reason());
        assertEquals(0, starts());
    }

    @Test
    void aRefusedPushIsUnauthorizedAndLeavesNoContainer() {
        runtime.fail("push", new RegistryException(RegistryException.Kind.UNAUTHORIZED, "denied"));

        BuildFailure failure = failure(build(request(PLAYBOOK).push(true).build()));

        assertEquals(BuildFailure.Reason.PUSH_UNAUTHORIZED, failure.reason());
        assertEquals(List.of(BuildPhase.PROVISIONING, BuildPhase.RUNNING, BuildPhase.COMMITTING, BuildPhase.PUSHING),
                listener.phases);
        assertEquals(List.of(), runtime.liveContainers());
    }

    private BuildRequest.Draft request(String playbook) {
        return BuildRequest.builder("build-" + System.nanoTime(), "unit", new PlaybookSource("playbook.yml", playbook,
                Map.of()), BASE).tags(List.of(TAG)).snapshots(BuildRequest.SnapshotPolicy.EVERY_CHANGE);
    }

    private BuildResult build(BuildRequest request) {
        listener.reset();
        return new ImageBuilder(runtime, KEY, Map.of()).build(request, listener, cancellation);
    }

    private static String imageId(BuildResult result) {
        return assertInstanceOf(BuildResult.Succeeded.class, result).imageId();
    }

    private static BuildFailure failure(BuildResult result) {
        return assertInstanceOf(BuildResult.Failed.class, result).failure();
    }

    private int starts() {
        return (int) runtime.calls().stream().filter(c -> c.startsWith("startContainer ")).count();
    }
}
