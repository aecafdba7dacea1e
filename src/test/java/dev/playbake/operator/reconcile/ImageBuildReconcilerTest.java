package dev.playbake.operator.reconcile;

import dev.playbake.imagebuild.TaskStart;
import java.util.OptionalInt;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.playbake.api.BuildContainerPolicy;
import dev.playbake.api.ResolvedInputs;
import dev.playbake.api.v1alpha1.BuildResources;
import dev.playbake.api.v1alpha1.BuildState;
import dev.playbake.api.v1alpha1.Condition;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildSpec;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.api.v1alpha1.RetrySpec;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.imagebuild.BuildFailure;
import dev.playbake.imagebuild.BuildResult;
import dev.playbake.imagebuild.TaskReport;
import dev.playbake.operator.ImageBuilds;
import dev.playbake.runtime.ContainerLimits;
import dev.playbake.secrets.Redactor;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reconciler's decisions with a fake Builder and no cluster: status is applied to the object directly. */
class ImageBuildReconcilerTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String OWNER = "default/web";
    private static final String BASE = "127.0.0.1:5000/base:v1";
    private static final String BASE_1 = "sha256:" + "01".repeat(32);
    private static final String BASE_2 = "sha256:" + "02".repeat(32);
    private static final BuildContainerPolicy POLICY = new BuildContainerPolicy(
            BuildContainerPolicy.Limit.of(BuildContainerPolicy.Resource.MEMORY, "1Gi", "2Gi"),
            BuildContainerPolicy.Limit.of(BuildContainerPolicy.Resource.CPU, "1", "2"),
            BuildContainerPolicy.Limit.of(BuildContainerPolicy.Resource.PIDS, "512", "1024"),
            ContainerLimits.Network.BRIDGE, Set.of(ContainerLimits.Network.BRIDGE, ContainerLimits.Network.NONE));

    private final FakeBuilder builder = new FakeBuilder();
    private final MutableClock clock = new MutableClock();
    private final Recorders.Cleaner cleaner = new Recorders.Cleaner();
    private final Recorders.Events events = new Recorders.Events();
    private final AtomicReference<Resolution> resolution = new AtomicReference<>(new Resolution.Resolved(ResolvedInputs.none()));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final BuildScheduler scheduler = new BuildScheduler(List.of(new BuildHost("docker-1", 2, builder)), clock);
    /** What the base image's registry answers a lookup, and the credentials each lookup was given. */
    private final AtomicReference<BaseImageCheck> registry = new AtomicReference<>();
    private final List<Optional<RegistryCredentials>> lookups = new java.util.concurrent.CopyOnWriteArrayList<>();
    private BaseImageWatch watch;
    private ImageBuildReconciler reconciler = newReconciler();
    private UpdateControl<ImageBuild> lastControl;
    /** The ImageBuilds the operator sees besides the one reconciled. */
    private final List<ImageBuild> cluster = new java.util.ArrayList<>();

    @AfterEach
    void stop() {
        scheduler.close();
        watch.close();
    }

    @Test
    void aNewImageBuildIsBuiltAndBecomesReadyWithItsDigest() throws Exception {
        ImageBuild web = web();

        ImageBuildStatus queued = reconcile(web);
        assertEquals(1L, queued.buildCounter);
        assertEquals(1, queued.attempt);
        assertEquals("docker-1", queued.buildHost);
        assertEquals("Unknown", ready(web).status);
        assertTrue(lastControl.isPatchStatus());

        FakeBuilder.Run run = builder.next();
        assertEquals(OWNER, run.request().owner());
        ImageBuildStatus running = reconcile(web);
        assertEquals(Phase.BUILDING, running.phase);
        assertEquals("slow task", running.progress.currentTask);
        assertEquals(1, running.progress.completedTasks);
        assertEquals(2, running.progress.totalTasks);
        assertEquals("Running", ready(web).reason);

        run.finish(succeeded());
        awaitFinished();
        ImageBuildStatus done = reconcile(web);
        assertEquals(Phase.SUCCEEDED, done.phase);
        assertEquals("127.0.0.1:5000/web@" + DIGEST, done.latestImage);
        assertEquals(DIGEST, done.output.digest);
        assertEquals(1, done.cacheHits);
        assertEquals(List.of("cached", "changed"), done.tasks.stream().map(t -> t.status).toList());
        assertEquals("True", ready(web).status);
        assertEquals("Succeeded", ready(web).reason);
        assertTrue(events.has("Normal BuildStarted"));
        assertTrue(events.has("Normal Pushed: pushed 127.0.0.1:5000/web:1 (" + DIGEST + ")"));
        assertEquals(1.0, meters.get("playbake.builds").tag("result", "succeeded").counter().count());
    }

    @Test
    void anUnchangedSpecNeverRebuildsNorPatchesAgainAlsoAfterARestart() throws Exception {
        ImageBuild web = buildToSuccess();

        reconcile(web);
        assertTrue(lastControl.isNoUpdate(), "an unchanged status is not patched");
        reconciler = newReconciler();
        reconcile(web);
        assertTrue(lastControl.isNoUpdate());
        assertEquals(1, builder.builds());
        assertEquals(List.of(), cleaner.removedOwners);
    }

    @Test
    void aChangedRebuildTokenBuildsAgainAndKeepsTheLastImageMeanwhile() throws Exception {
        ImageBuild web = buildToSuccess();
        web.getSpec().rebuild = new dev.playbake.api.v1alpha1.RebuildSpec();
        web.getSpec().rebuild.token = "again";
        web.getMetadata().setGeneration(2L);

        ImageBuildStatus status = reconcile(web);

        assertEquals(2L, status.buildCounter);
        assertEquals("127.0.0.1:5000/web@" + DIGEST, status.latestImage);
        assertEquals("Unknown", ready(web).status);
        builder.next().finish(succeeded());
    }

    @Test
    void aFailedTaskIsReportedWithFileAndLineAndNotRetried() throws Exception {
        ImageBuild web = web();
        reconcile(web);
        builder.next().finish(new BuildResult.Failed(new BuildFailure(BuildFailure.Reason.PLAYBOOK_FAILED,
                "apt failed", Optional.of("playbook.yml"), 14, Optional.of("install nginx"), "E: Unable to locate",
                Optional.of("127.0.0.1:5000/web:1-failed")), List.of()));
        awaitFinished();

        ImageBuildStatus failed = reconcile(web);

        assertEquals(Phase.FAILED, failed.phase);
        assertEquals("PlaybookFailed", failed.failure.reason);
        assertEquals("playbook.yml", failed.failure.file);
        assertEquals(14, failed.failure.line);
        assertEquals("install nginx", failed.failure.task);
        assertEquals("127.0.0.1:5000/web:1-failed", failed.failure.debugImage);
        assertEquals("False", ready(web).status);
        assertEquals("apt failed (playbook.yml:14)", ready(web).message);
        clock.advance(Duration.ofHours(1));
        reconcile(web);
        assertEquals(1, builder.builds());
        assertTrue(events.has("Warning PlaybookFailed: apt failed"));
    }

    @Test
    void transientFailuresAreRetriedWithBackoffUpToTheLimit() throws Exception {
        ImageBuild web = web();
        web.getSpec().retry = new RetrySpec();
        web.getSpec().retry.limit = 1;
        web.getSpec().retry.backoff = "10s";
        reconcile(web);
        builder.next().finish(hostDown());
        awaitFinished();

        ImageBuildStatus waiting = reconcile(web);
        assertEquals(Phase.PENDING, waiting.phase);
        assertEquals("HostUnavailable", ready(web).reason);
        assertEquals("2026-11-25T10:00:10Z", waiting.nextRetryTime);
        assertEquals(Optional.of(10_000L), lastControl.getScheduleDelay());

        clock.advance(Duration.ofSeconds(10));
        ImageBuildStatus retried = reconcile(web);
        assertEquals(2, retried.attempt);
        assertEquals(1L, retried.buildCounter);
        builder.next().finish(hostDown());
        await().atMost(10, TimeUnit.SECONDS).until(() -> reconciler.tracked(OWNER)
                .filter(b -> b.plan().attempt() == 2 && b.isFinished()).isPresent());

        ImageBuildStatus gaveUp = reconcile(web);
        assertEquals(Phase.FAILED, gaveUp.phase);
        assertNull(gaveUp.nextRetryTime);
        clock.advance(Duration.ofHours(1));
        reconcile(web);
        assertEquals(2, builder.builds());
    }

    @Test
    void aSpecChangeDuringABuildCancelsItAndStartsTheNewOne() throws Exception {
        ImageBuild web = web();
        reconcile(web);
        FakeBuilder.Run first = builder.next();

        web.getSpec().vars.put("who", TextNode.valueOf("you"));
        web.getMetadata().setGeneration(2L);
        reconcile(web);
        assertEquals(Optional.of(TrackedBuild.CANCELED_SPEC_CHANGED), first.cancellation().reason());
        awaitFinished();

        ImageBuildStatus restarted = reconcile(web);
        assertEquals(2L, restarted.buildCounter);
        FakeBuilder.Run second = builder.next();
        assertEquals(Map.of("who", "you"), second.request().extraVars());
        second.finish(succeeded());
    }

    @Test
    void stateCanceledStopsTheBuildAndClearingItBuildsAgain() throws Exception {
        ImageBuild web = web();
        reconcile(web);
        FakeBuilder.Run run = builder.next();
        web.getSpec().state = BuildState.CANCELED;
        web.getMetadata().setGeneration(2L);

        reconcile(web);
        assertTrue(run.cancellation().isCanceled());
        awaitFinished();
        ImageBuildStatus canceled = reconcile(web);
        assertEquals(Phase.CANCELED, canceled.phase);
        assertEquals("Canceled", ready(web).reason);

        web.getSpec().state = null;
        web.getMetadata().setGeneration(3L);
        ImageBuildStatus again = reconcile(web);
        assertEquals(2L, again.buildCounter);
        builder.next().finish(succeeded());
    }

    @Test
    void aMissingSecretIsReportedWithoutABuildAndLookedAtAgain() {
        resolution.set(new Resolution.Missing(StatusReason.SecretNotFound, "Secret default/web-secrets not found"));
        ImageBuild web = web();

        ImageBuildStatus status = reconcile(web);

        assertEquals(Phase.FAILED, status.phase);
        assertEquals("SecretNotFound", ready(web).reason);
        assertEquals("Secret default/web-secrets not found", status.failure.message);
        assertEquals(Optional.of(ImageBuildReconciler.RECHECK_MISSING.toMillis()), lastControl.getScheduleDelay());
        assertEquals(0, builder.builds());
    }

    @Test
    void anInvalidSpecIsReportedWithoutABuild() {
        ImageBuild web = web();
        web.getSpec().timeout = "soon";

        reconcile(web);

        assertEquals("InvalidSpec", ready(web).reason);
        assertTrue(ready(web).message.contains("spec.timeout"), ready(web).message);
        assertEquals(0, builder.builds());
    }

    @Test
    void aLimitAboveTheOperatorsMaximumIsAnInvalidSpecBeforeAnyBuild() {
        ImageBuild web = web();
        web.getSpec().resources = new BuildResources();
        web.getSpec().resources.memory = new Quantity("4Gi");
        web.getSpec().resources.pids = 5000L;

        reconcile(web);

        assertEquals("InvalidSpec", ready(web).reason);
        assertEquals("spec.resources.memory: 4Gi is above the maximum this operator allows, 2Gi; spec.resources.pids:"
                + " 5000 is above the maximum this operator allows, 1024", ready(web).message);
        assertEquals(0, builder.builds(), "no build, so no container");
    }

    @Test
    void theBuildGetsTheSpecsLimitsAndTheOperatorsDefaultsForTheRest() throws Exception {
        ImageBuild web = web();
        web.getSpec().resources = new BuildResources();
        web.getSpec().resources.cpu = new Quantity("500m");
        web.getSpec().network = ImageBuildSpec.Network.NONE;

        reconcile(web);

        assertEquals(new ContainerLimits(OptionalLong.of(1L << 30), OptionalLong.of(500_000_000L), OptionalLong.of(512),
                ContainerLimits.Network.NONE), builder.next().request().limits());
    }

    @Test
    void anOutputReferenceThatCannotBePushedIsInvalidSpecNotRetried() {
        ImageBuild web = ImageBuilds.imageBuild("web", "https://reg/x:1");
        web.getMetadata().setGeneration(1L);

        reconcile(web);
        clock.advance(Duration.ofHours(1));
        reconcile(web);

        assertEquals("InvalidSpec", ready(web).reason);
        assertEquals(Phase.FAILED, web.getStatus().phase);
        assertTrue(ready(web).message.contains("spec.output.image"), ready(web).message);
        assertNull(web.getStatus().nextRetryTime);
        assertEquals(0, builder.builds());
    }

    @Test
    void aYoungerImageBuildPushingTheSameTagWaitsNamingTheOlderOneUntilItIsGone() throws Exception {
        ImageBuild first = ImageBuilds.imageBuild("first", "127.0.0.1:5000/shared:1");
        first.getMetadata().setNamespace("team-a");
        first.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
        ImageBuild second = ImageBuilds.imageBuild("second", "127.0.0.1:5000/shared");
        second.getSpec().output.additionalTags.add("1");
        second.getMetadata().setNamespace("team-b");
        second.getMetadata().setCreationTimestamp("2026-01-02T00:00:00Z");
        cluster.addAll(List.of(first, second));

        reconcile(second);

        assertEquals("TagConflict", ready(second).reason);
        assertEquals("False", ready(second).status);
        assertTrue(ready(second).message.startsWith("tag 127.0.0.1:5000/shared:1 is also pushed by ImageBuild"
                + " team-a/first, which is older and keeps it"), ready(second).message);
        assertEquals(0, builder.builds(), "the younger one neither builds nor pushes");
        assertTrue(events.has("Warning TagConflict: tag 127.0.0.1:5000/shared:1"));
        assertEquals(Optional.of(ImageBuildReconciler.RECHECK_MISSING.toMillis()), lastControl.getScheduleDelay());
        reconcile(second);
        assertEquals(1, events.recorded.stream().filter(e -> e.startsWith("Warning TagConflict")).count(),
                "one event per conflict");

        reconcile(first);
        assertEquals("team-a/first", builder.next().request().owner(), "the older one builds");
        cluster.remove(first);
        reconcile(second);
        assertEquals("team-b/second", builder.next().request().owner(), "once the older one is gone the younger one builds");
    }

    @Test
    void deletionCancelsTheBuildAndRemovesItsContainers() throws Exception {
        ImageBuild web = web();
        reconcile(web);
        FakeBuilder.Run run = builder.next();

        assertTrue(reconciler.cleanup(web).isRemoveFinalizer());

        assertEquals(Optional.of(TrackedBuild.CANCELED_DELETED), run.cancellation().reason());
        assertEquals(List.of(OWNER), cleaner.removedOwners);
        assertEquals(Optional.empty(), reconciler.tracked(OWNER));
    }

    @Test
    void afterARestartMidBuildTheContainerIsRemovedAndTheBuildRunsAgain() throws Exception {
        ImageBuild web = web();
        reconcile(web);
        builder.next();
        reconcile(web);
        assertEquals(Phase.BUILDING, web.getStatus().phase);

        reconciler = newReconciler();
        ImageBuildStatus status = reconcile(web);

        assertEquals(List.of(OWNER), cleaner.removedOwners);
        assertEquals(1L, status.buildCounter);
        assertEquals(1, status.attempt);
        builder.next().finish(succeeded());
    }

    @Test
    void aBuildLongerThanItsTimeoutIsCanceledAndReportedAsTimeout() throws Exception {
        ImageBuild web = web();
        web.getSpec().timeout = "200ms";
        reconcile(web);
        FakeBuilder.Run run = builder.next();
        awaitFinished();

        ImageBuildStatus status = reconcile(web);

        assertEquals(Optional.of(TrackedBuild.CANCELED_TIMEOUT), run.cancellation().reason());
        assertEquals(Phase.FAILED, status.phase);
        assertEquals("Timeout", ready(web).reason);
    }

    @Test
    void secretValuesAreMaskedInStatusAndEvents() throws Exception {
        String secret = "hunter2-very-secret";
        resolution.set(new Resolution.Resolved(new ResolvedInputs(Optional.empty(), Map.of(), Map.of("token", secret), Map.of())));
        ImageBuild web = web();
        reconcile(web);
        builder.next().finish(new BuildResult.Failed(new BuildFailure(BuildFailure.Reason.PLAYBOOK_FAILED,
                "curl -H 'Authorization: " + secret + "' failed", Optional.of("playbook.yml"), 3, Optional.empty(),
                "> " + secret, Optional.empty()), List.of()));
        awaitFinished();

        ImageBuildStatus status = reconcile(web);

        String written = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(status) + events.recorded;
        assertFalse(written.contains(secret), written);
        assertTrue(status.failure.message.contains(Redactor.MASK));
        assertEquals("> " + Redactor.MASK, status.failure.logSnippet);
    }

    @Test
    void neverRunsMoreBuildsThanTheHostAllows() throws Exception {
        List<ImageBuild> many = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ImageBuild build = ImageBuilds.imageBuild("web-" + i, "127.0.0.1:5000/web-" + i + ":1");
            build.getMetadata().setGeneration(1L);
            many.add(build);
            reconcile(build);
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> builder.running() == 2 && scheduler.queued() == 4);
        await().during(300, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS).until(() -> builder.running() == 2);
        for (int i = 0; i < 6; i++) {
            builder.next().finish(succeeded());
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> builder.running() == 0 && scheduler.queued() == 0);
        assertEquals(6, builder.builds());
        assertEquals(2, builder.maxRunning());
        assertEquals(Phase.PENDING, many.get(5).getStatus().phase, "the sixth waited in the queue");
    }

    @Test
    void theProgressOfARunningBuildIsPatchedAtMostOncePerInterval() throws Exception {
        ImageBuild web = web();
        reconcile(web);
        FakeBuilder.Run run = builder.next();
        run.listener().taskFinished(new TaskReport(1, "slow task", TaskReport.Status.CHANGED, 5));
        reconcile(web);
        assertTrue(lastControl.isPatchStatus(), "the first progress is patched at once");
        assertEquals(2, web.getStatus().progress.completedTasks);

        run.listener().taskStarted(new TaskStart(2, "third task", OptionalInt.of(3), false));
        reconcile(web);
        assertTrue(lastControl.isNoUpdate(), "more progress within the interval waits");
        assertNull(web.getStatus().progress.currentTask);
        assertTrue(lastControl.getScheduleDelay().isPresent(), "and is looked at again");

        clock.advance(ImageBuildReconciler.PROGRESS_INTERVAL);
        reconcile(web);
        assertTrue(lastControl.isPatchStatus());
        assertEquals("third task", web.getStatus().progress.currentTask);

        run.finish(succeeded());
        awaitFinished();
        reconcile(web);
        assertEquals(Phase.SUCCEEDED, web.getStatus().phase, "the end of a build is patched at once");
    }

    @Test
    void aStatusTheApiServerRefusesGivesWayToTheMinimalStatusAndTheBuildStillEnds() throws Exception {
        ImageBuild web = web();
        reconcile(web);
        FakeBuilder.Run run = builder.next();
        reconcile(web);

        assertFalse(reconciler.minimalAfterRefusal(web, new KubernetesClientException("forbidden", 403, null))
                .isPresent(), "only a refused write cuts the status");
        Optional<ImageBuildStatus> minimal = reconciler.minimalAfterRefusal(web,
                new KubernetesClientException("etcdserver: request is too large", 500, null));

        assertTrue(minimal.isPresent(), "the minimal status is written");
        assertEquals(List.of(), minimal.get().tasks);
        run.finish(succeeded());
        awaitFinished();
        ImageBuildStatus done = reconcile(web);
        assertEquals(Phase.SUCCEEDED, done.phase);
        assertEquals("127.0.0.1:5000/web@" + DIGEST, done.latestImage);
        assertEquals(List.of(), done.tasks, "the refused build keeps to the minimal status");
        assertEquals(2, done.taskCounts.total);
    }

    private ImageBuild buildToSuccess() throws Exception {
        ImageBuild web = web();
        reconcile(web);
        builder.next().finish(succeeded());
        awaitFinished();
        reconcile(web);
        assertEquals(Phase.SUCCEEDED, web.getStatus().phase);
        return web;
    }

    /** A reconciler as a new operator process has it: its own base image watch, nothing looked up yet. */
    private ImageBuildReconciler newReconciler() {
        Optional.ofNullable(watch).ifPresent(BaseImageWatch::close);
        watch = new BaseImageWatch((reference, credentials) -> {
            lookups.add(credentials);
            return registry.get();
        });
        return new ImageBuildReconciler(build -> resolution.get(), scheduler, cleaner, events,
                new BuildMetrics(meters, scheduler), clock, POLICY, new BaseImagePolling(Duration.ofMinutes(1)), watch);
    }

    @Test
    void aReplicaRemovesLeftoversAndRecordsEventsOnlyWhileItHoldsTheLease() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean(false);
        reconciler = new ImageBuildReconciler(build -> resolution.get(), scheduler, cleaner, events,
                new BuildMetrics(meters, scheduler), clock, POLICY, held::get,
                new BaseImagePolling(Duration.ofMinutes(1)), watch);

        reconciler.removeLeftovers();
        assertEquals(0, cleaner.sweeps, "a follower leaves the leader's containers alone");
        held.set(true);
        reconciler.removeLeftovers();
        assertEquals(1, cleaner.sweeps, "a new leader removes what the old one left");

        held.set(false);
        ImageBuild web = web();
        reconcile(web);
        assertFalse(events.has("Normal BuildStarted"), "a replica that lost the lease writes no event");
        held.set(true);
        builder.next().finish(succeeded());
        awaitFinished();
        reconcile(web);
        assertTrue(events.has("Normal Pushed"));
    }

    @Test
    void aStoppingOperatorInterruptsItsBuildsStartsNoneAndTheNextOperatorBuildsThemAgain() throws Exception {
        ImageBuild web = web();
        reconcile(web);
        builder.next();
        reconcile(web);

        List<TrackedBuild> interrupted = reconciler.interruptBuilds();
        assertEquals(1, interrupted.size());
        assertTrue(interrupted.get(0).awaitEnd(Duration.ofSeconds(10)));
        ImageBuildStatus recorded = reconciler.interruptedStatus(web).orElseThrow();
        web.setStatus(recorded);
        assertEquals(Phase.PENDING, recorded.phase, "not terminal");
        assertEquals("Interrupted", ready(web).reason);
        assertEquals("interrupted: the operator stopped; the next operator builds it again", ready(web).message);
        reconcile(web);
        assertEquals(1, builder.builds(), "a stopping operator starts nothing, also for the build it interrupted");
        ImageBuild other = ImageBuilds.imageBuild("other", "127.0.0.1:5000/other:1");
        other.getMetadata().setUid("uid-other");
        other.getMetadata().setGeneration(1L);
        reconcile(other);
        assertEquals(1, builder.builds());

        reconciler = newReconciler();
        ImageBuildStatus restarted = reconcile(web);
        assertEquals(1L, restarted.buildCounter, "the same build, started again");
        assertEquals(List.of(OWNER), cleaner.removedOwners);
        builder.next().finish(succeeded());
    }

    @Test
    void aNewBaseImageDigestRebuildsOnceWithTheReasonInStatusAndAnEvent() throws Exception {
        ImageBuild web = watched("1h");
        builder.pullsBaseAs(BASE_1);
        ImageBuildStatus first = buildToSuccess(web);
        assertEquals(BASE_1, first.inputs.baseImageDigest);
        assertEquals("InputsChanged", first.buildReason);

        registry.set(new BaseImageCheck.Digest(BASE, BASE_1));
        watch.checkNow(OWNER);
        reconcile(web);
        assertEquals(1L, web.getStatus().buildCounter, "the digest the last build started from is no news");

        registry.set(new BaseImageCheck.Digest(BASE, BASE_2));
        builder.pullsBaseAs(BASE_2);
        watch.checkNow(OWNER);
        ImageBuildStatus rebuilding = reconcile(web);
        assertEquals(2L, rebuilding.buildCounter);
        assertEquals("BaseImageUpdated", rebuilding.buildReason);
        assertEquals(first.latestImage, rebuilding.latestImage, "the last image stays while the new one builds");
        assertTrue(events.has("Normal BaseImageUpdated: base image " + BASE + " now names " + BASE_2
                + ", the last build started from " + BASE_1 + "; building again"), events.recorded.toString());
        FakeBuilder.Run run = builder.next();
        run.finish(succeeded());
        awaitFinished();
        ImageBuildStatus done = reconcile(web);
        assertEquals(Phase.SUCCEEDED, done.phase);
        assertEquals("BaseImageUpdated", done.buildReason);
        assertEquals(BASE_2, done.inputs.baseImageDigest);

        watch.checkNow(OWNER);
        assertEquals(2L, reconcile(web).buildCounter, "built once per new digest");
    }

    @Test
    void theLookupUsesOnlyTheImageBuildsOwnCredentialsForTheBaseImagesRegistry() throws Exception {
        RegistryCredentials own = new RegistryCredentials("127.0.0.1:5000", "team-a", "a-pass");
        resolution.set(new Resolution.Resolved(new ResolvedInputs(Optional.empty(), Map.of(), Map.of(),
                Map.of("127.0.0.1:5000", own, "other.example", new RegistryCredentials("other.example", "x", "y")),
                Map.of("127.0.0.1:5000", new RegistryCredentials("127.0.0.1:5000", "operator", "push-only")))));
        ImageBuild web = watched("1h");
        registry.set(new BaseImageCheck.Digest(BASE, BASE_1));

        reconcile(web);
        watch.checkNow(OWNER);

        assertEquals(List.of(Optional.of(own)), lookups, "never the push-only (operator) credentials");
        builder.next().finish(succeeded());
    }

    @Test
    void aFailedLookupKeepsTheImageReadyRebuildsNothingAndWarnsOncePerOutage() throws Exception {
        ImageBuild web = watched("1h");
        builder.pullsBaseAs(BASE_1);
        buildToSuccess(web);

        registry.set(new BaseImageCheck.Failed(BASE, "digest lookup of " + BASE + ": connection refused"));
        watch.checkNow(OWNER);
        watch.checkNow(OWNER);
        reconcile(web);

        assertEquals(1L, web.getStatus().buildCounter);
        assertEquals("True", ready(web).status);
        assertEquals(1, events.recorded.stream().filter(e -> e.startsWith("Warning BaseImageCheckFailed")).count());
        assertTrue(events.has("Warning BaseImageCheckFailed: digest lookup of " + BASE
                + ": connection refused; the image stays as built, the next look is in 1h"), events.recorded.toString());
        registry.set(new BaseImageCheck.Digest(BASE, BASE_1));
        watch.checkNow(OWNER);
        registry.set(new BaseImageCheck.Failed(BASE, "down again"));
        watch.checkNow(OWNER);
        assertEquals(2, events.recorded.stream().filter(e -> e.startsWith("Warning BaseImageCheckFailed")).count(),
                "a new outage is told again");
        assertEquals(1L, web.getStatus().buildCounter);
    }

    @Test
    void withoutAPollIntervalTheBaseImageIsNeverLookedUp() throws Exception {
        buildToSuccess(web());
        registry.set(new BaseImageCheck.Digest("playbake-test/debian:bookworm", BASE_2));

        watch.checkNow(OWNER);

        assertEquals(List.of(), lookups);
    }

    @Test
    void startingOrChangingTheWatchBuildsNothingAndRemovingItStopsTheLookups() throws Exception {
        ImageBuild web = web();
        web.getSpec().baseImage = BASE;
        builder.pullsBaseAs(BASE_1);
        buildToSuccess(web);

        web.getSpec().rebuild = new dev.playbake.api.v1alpha1.RebuildSpec();
        web.getSpec().rebuild.baseImagePollInterval = "1h";
        reconcile(web);
        web.getSpec().rebuild.baseImagePollInterval = "2h";
        reconcile(web);
        assertEquals(1L, web.getStatus().buildCounter, "the interval says when to look, not what to build");

        web.getSpec().rebuild = null;
        reconcile(web);
        watch.checkNow(OWNER);
        assertEquals(List.of(), lookups);
    }

    @Test
    void anIntervalBelowTheOperatorsMinimumIsAnInvalidSpecNamingTheMinimum() {
        ImageBuild web = watched("10s");
        web.getSpec().output.image = "127.0.0.1:5000/Web";

        ImageBuildStatus blocked = reconcile(web);

        assertEquals(Phase.FAILED, blocked.phase);
        assertEquals("InvalidSpec", blocked.failure.reason);
        assertTrue(blocked.failure.message.contains("spec.output.image: "), blocked.failure.message);
        assertTrue(blocked.failure.message.endsWith("; spec.rebuild.baseImagePollInterval: '10s' is shorter than this"
                + " operator allows: at least 1m"), "every problem at once: " + blocked.failure.message);
        assertEquals(0, builder.builds());
    }

    @Test
    void afterARestartTheDigestInStatusDecides() throws Exception {
        ImageBuild web = watched("1h");
        builder.pullsBaseAs(BASE_1);
        buildToSuccess(web);

        reconciler = newReconciler();
        registry.set(new BaseImageCheck.Digest(BASE, BASE_1));
        reconcile(web);
        watch.checkNow(OWNER);
        assertEquals(1L, reconcile(web).buildCounter);
        registry.set(new BaseImageCheck.Digest(BASE, BASE_2));
        watch.checkNow(OWNER);
        ImageBuildStatus rebuilding = reconcile(web);

        assertEquals(2L, rebuilding.buildCounter);
        assertEquals("BaseImageUpdated", rebuilding.buildReason);
        builder.next().finish(succeeded());
    }

    @Test
    void aBuildByAnOlderOperatorIsBuiltOnceWhenItsBaseImageIsFirstWatched() throws Exception {
        ImageBuild web = watched("1h");
        buildToSuccess(web);
        web.getStatus().buildReason = null;
        web.getStatus().inputs.baseImageDigest = null;

        reconciler = newReconciler();
        registry.set(new BaseImageCheck.Digest(BASE, BASE_1));
        reconcile(web);
        watch.checkNow(OWNER);

        assertEquals(2L, reconcile(web).buildCounter);
        assertTrue(events.has("Normal BaseImageUpdated: base image " + BASE + " now names " + BASE_1
                + ", and the last build (by an older operator) recorded no base image digest"), events.recorded.toString());
        builder.next().finish(succeeded());
    }

    @Test
    void aBuildThatNeverPulledItsBaseIsNotBuiltAgainForADigest() throws Exception {
        ImageBuild web = watched("1h");
        buildToSuccess(web);
        assertNull(web.getStatus().inputs.baseImageDigest, "an image only the Docker host has is pulled by nobody");

        registry.set(new BaseImageCheck.Digest(BASE, BASE_1));
        watch.checkNow(OWNER);

        assertEquals(1L, reconcile(web).buildCounter);
    }

    /** An ImageBuild whose base image (in the test registry) is looked up at this interval. */
    private static ImageBuild watched(String interval) {
        ImageBuild web = web();
        web.getSpec().baseImage = BASE;
        web.getSpec().rebuild = new dev.playbake.api.v1alpha1.RebuildSpec();
        web.getSpec().rebuild.baseImagePollInterval = interval;
        return web;
    }

    private ImageBuildStatus buildToSuccess(ImageBuild web) throws Exception {
        reconcile(web);
        builder.next().finish(succeeded());
        awaitFinished();
        return reconcile(web);
    }

    private ImageBuildStatus reconcile(ImageBuild resource) {
        lastControl = reconciler.reconcile(resource, cluster);
        return resource.getStatus();
    }

    private void awaitFinished() {
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> reconciler.tracked(OWNER).map(TrackedBuild.Snapshot::isFinished).orElse(false));
    }

    private static ImageBuild web() {
        ImageBuild web = ImageBuilds.imageBuild("web", "127.0.0.1:5000/web:1");
        web.getMetadata().setGeneration(1L);
        return web;
    }

    private static Condition ready(ImageBuild resource) {
        return StatusComposer.find(resource.getStatus().conditions, StatusComposer.READY).orElseThrow();
    }

    private static BuildResult.Succeeded succeeded() {
        return new BuildResult.Succeeded("sha256:" + "cd".repeat(32), Optional.of(DIGEST), List.of("127.0.0.1:5000/web:1"),
                1234, 1, List.of(new TaskReport(0, "cached task", TaskReport.Status.CACHED, 0),
                new TaskReport(1, "slow task", TaskReport.Status.CHANGED, 40)));
    }

    private static BuildResult.Failed hostDown() {
        return new BuildResult.Failed(BuildFailure.of(BuildFailure.Reason.HOST_UNAVAILABLE, "docker-1 does not answer"),
                List.of());
    }
}
