package dev.playbake.operator.reconcile;

import dev.playbake.imagebuild.TaskStart;
import dev.playbake.imagebuild.BuildOutline;
import java.util.OptionalInt;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.imagebuild.BuildFailure;
import dev.playbake.imagebuild.BuildPhase;
import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.imagebuild.BuildResult;
import dev.playbake.imagebuild.PlaybookSource;
import dev.playbake.imagebuild.TaskReport;
import dev.playbake.secrets.Redactor;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status of builds with many tasks stays small and its counts add up. */
class StatusComposerTest {

    private static final int TASKS = 25_000;

    private final MutableClock clock = new MutableClock();
    private final StatusComposer composer = new StatusComposer(clock);

    @Test
    void aRunningBuildOf25000TasksHasASmallStatusWithCountsAndTheLastTasks() {
        TrackedBuild build = running(100);
        for (int i = 0; i < TASKS; i++) {
            build.taskFinished(new TaskReport(i, "set fact number " + i,
                    i % 2 == 0 ? TaskReport.Status.OK : TaskReport.Status.CHANGED, 1));
        }
        build.taskStarted(new TaskStart(TASKS, "one more", OptionalInt.of(TASKS + 1), false));

        ImageBuildStatus status = composer.of(null, 1, build.snapshot(), Redactor.none());

        int size = Serialization.asJson(status).getBytes(StandardCharsets.UTF_8).length;
        assertTrue(size < 10_000, "status of " + size + " bytes");
        assertEquals(TaskTally.RECENT, status.tasks.size());
        assertEquals(TASKS, status.tasks.get(TaskTally.RECENT - 1).number);
        assertEquals("set fact number " + (TASKS - 1), status.tasks.get(TaskTally.RECENT - 1).name);
        assertEquals(TASKS, status.taskCounts.total);
        assertEquals(TASKS / 2, status.taskCounts.ok);
        assertEquals(TASKS / 2, status.taskCounts.changed);
        assertEquals(TASKS, status.progress.completedTasks);
        assertEquals(TASKS + 1, status.progress.totalTasks, "progress never passes its total");
        assertEquals(TASKS + "/" + (TASKS + 1), status.progress.summary, "what kubectl get shows as PROGRESS");
        assertNull(status.duration, "no duration while it runs");
        assertTrue(status.conditions.get(0).message.startsWith("task 25001 of 25001: one more"),
                status.conditions.get(0).message);
    }

    @Test
    void aFinishedBuildShowsTheFailedTaskAlsoWhenItIsOlderThanTheLastOnes() {
        TrackedBuild build = running(5);
        List<TaskReport> reports = new ArrayList<>();
        reports.add(new TaskReport(0, "ignored failure", TaskReport.Status.FAILED, 3));
        for (int i = 1; i < 100; i++) {
            reports.add(new TaskReport(i, "task " + i, TaskReport.Status.SKIPPED, 0));
        }
        clock.advance(Duration.ofSeconds(72));
        build.finished(new BuildResult.Failed(new BuildFailure(BuildFailure.Reason.PLAYBOOK_FAILED, "x".repeat(50_000),
                Optional.of("playbook.yml"), 3, Optional.of("ignored failure"), "y".repeat(50_000), Optional.empty()),
                reports));

        ImageBuildStatus status = composer.of(null, 1, build.snapshot(), Redactor.none());

        assertEquals(Phase.FAILED, status.phase);
        assertEquals("1m12s", status.duration, "kubectl get -o wide shows it");
        assertEquals(TaskTally.RECENT + 1, status.tasks.size());
        assertEquals("ignored failure", status.tasks.get(0).name);
        assertEquals(1, status.tasks.get(0).number);
        assertEquals(1, status.taskCounts.failed);
        assertEquals(99, status.taskCounts.skipped);
        assertTrue(Serialization.asJson(status).length() < 20_000, "long messages are cut");
        assertTrue(status.failure.logSnippet.endsWith("yyy"), "the end of the log is kept");
    }

    @Test
    void aFinishedBuildKeepsItsProgressWhichCountsThePlaybooksTasksAndNotTheFactGathering() {
        TrackedBuild succeeded = running(6);
        List<TaskReport> all = new ArrayList<>(List.of(new TaskReport(0, "Gathering Facts", TaskReport.Status.OK, 9, true)));
        for (int i = 1; i <= 6; i++) {
            all.add(new TaskReport(i, "task " + i, TaskReport.Status.CHANGED, 1));
        }
        all.forEach(succeeded::taskFinished);
        succeeded.finished(new BuildResult.Succeeded("sha256:abc", Optional.empty(), List.of("127.0.0.1:5000/web:1"),
                1, 0, all));

        ImageBuildStatus done = composer.of(null, 1, succeeded.snapshot(), Redactor.none());

        assertEquals(Phase.SUCCEEDED, done.phase);
        assertEquals("6/6", done.progress.summary, "what kubectl get shows as PROGRESS once it succeeded");
        assertEquals(6, done.progress.completedTasks);
        assertEquals(6, done.progress.totalTasks);
        assertNull(done.progress.currentTask);
        assertEquals(7, done.taskCounts.total, "the fact gathering is still listed and counted");

        TrackedBuild failed = running(6);
        failed.taskFinished(all.get(0));
        failed.taskFinished(new TaskReport(1, "task 1", TaskReport.Status.FAILED, 1));
        failed.finished(new BuildResult.Failed(new BuildFailure(BuildFailure.Reason.PLAYBOOK_FAILED, "no",
                Optional.empty(), 0, Optional.of("task 1"), "log", Optional.empty()), List.of()));

        assertEquals("1/6", composer.of(null, 1, failed.snapshot(), Redactor.none()).progress.summary, "where it failed");

        TrackedBuild unplanned = running(0);
        unplanned.finished(new BuildResult.Failed(new BuildFailure(BuildFailure.Reason.INVALID_SPEC, "bad playbook",
                Optional.empty(), 0, Optional.empty(), "", Optional.empty()), List.of()));

        assertNull(composer.of(null, 1, unplanned.snapshot(), Redactor.none()).progress, "no tasks to count");
    }

    @Test
    void aTaskNameOfAnyLengthIsCut() {
        TrackedBuild build = running(1);
        build.taskFinished(new TaskReport(0, "n".repeat(100_000), TaskReport.Status.OK, 1));

        ImageBuildStatus status = composer.of(null, 1, build.snapshot(), Redactor.none());

        assertEquals(StatusComposer.MAX_NAME, status.tasks.get(0).name.length());
    }

    @Test
    void theMinimalStatusKeepsTheOutcomeAndDropsTheLists() {
        TrackedBuild build = running(3);
        build.taskFinished(new TaskReport(0, "a", TaskReport.Status.CHANGED, 1));
        build.finished(new BuildResult.Failed(new BuildFailure(BuildFailure.Reason.PLAYBOOK_FAILED, "m".repeat(5_000),
                Optional.empty(), 0, Optional.of("a"), "log", Optional.empty()), List.of()));
        ImageBuildStatus full = composer.of(null, 1, build.snapshot(), Redactor.none());

        ImageBuildStatus minimal = StatusComposer.minimal(full);

        assertEquals(Phase.FAILED, minimal.phase);
        assertEquals(full.buildId, minimal.buildId);
        assertEquals(full.inputs.hash, minimal.inputs.hash);
        assertEquals(List.of(), minimal.tasks);
        assertEquals(full.progress.summary, minimal.progress.summary, "kubectl get's PROGRESS stays");
        assertNull(minimal.failure.logSnippet);
        assertEquals("PlaybookFailed", minimal.conditions.get(0).reason);
        assertTrue(minimal.conditions.get(0).message.length() <= StatusComposer.MAX_NAME);
        assertEquals(1, full.tasks.size(), "the full status is not changed");
    }

    @Test
    void eachEndedBuildIsRecordedOnceNewestFirstAndTheHistoryIsBounded() {
        StatusComposer composer = new StatusComposer(clock, build -> Duration.ZERO, 2);
        TrackedBuild first = running(1, "web-aaaa0001", 1);
        first.finished(new BuildResult.Succeeded("sha256:img", Optional.of("sha256:d1"), List.of("r/web:1"), 1, 0,
                List.of()));
        ImageBuildStatus one = composer.of(null, 1, first.snapshot(), Redactor.none());
        ImageBuildStatus again = composer.of(one, 1, first.snapshot(), Redactor.none());
        TrackedBuild second = running(1, "web-aaaa0002", 2);
        second.finished(new BuildResult.Failed(new BuildFailure(BuildFailure.Reason.PLAYBOOK_FAILED, "boom",
                Optional.empty(), 0, Optional.of("a"), "", Optional.empty()), List.of()));
        ImageBuildStatus two = composer.of(again, 1, second.snapshot(), Redactor.none());
        TrackedBuild third = running(1, "web-aaaa0003", 3);
        third.cancel(TrackedBuild.CANCELED_BY_USER);
        third.finished(new BuildResult.Canceled(TrackedBuild.CANCELED_BY_USER, List.of()));
        ImageBuildStatus three = composer.of(two, 1, third.snapshot(), Redactor.none());

        assertEquals(1, again.history.size(), "a build seen twice is one record");
        assertEquals("Succeeded", one.history.get(0).result);
        assertEquals("sha256:d1", one.history.get(0).digest);
        assertEquals(List.of("web-aaaa0002", "web-aaaa0001"), two.history.stream().map(r -> r.buildId).toList());
        assertEquals("Failed", two.history.get(0).result);
        assertEquals("PlaybookFailed", two.history.get(0).reason);
        assertEquals(List.of(3L, 2L), three.history.stream().map(r -> r.counter).toList(), "bounded, oldest dropped");
        assertEquals("Canceled", three.history.get(0).result);
        assertEquals(three.completionTime, three.history.get(0).completionTime);
        assertEquals(List.of(3L, 2L), composer.blocked(three, 2, StatusReason.InvalidSpec, "bad").history.stream()
                .map(r -> r.counter).toList(), "a blocked spec keeps the history");
    }

    @Test
    void aRunningBuildIsNotInTheHistory() {
        ImageBuildStatus status = composer.of(null, 1, running(3).snapshot(), Redactor.none());

        assertEquals(List.of(), status.history);
    }

    private TrackedBuild running(int planned) {
        return running(planned, "web-1", 1);
    }

    private TrackedBuild running(int planned, String buildId, long counter) {
        BuildRequest request = BuildRequest.builder(buildId, "default/web",
                new PlaybookSource("playbook.yml", "- hosts: all\n", Map.of()), "debian:12")
                .tags(List.of("127.0.0.1:5000/web:1")).build();
        BuildPlan plan = new BuildPlan("default/web", new BuildEvents.EventTarget("default", "web", "uid"), request,
                "hash", "sha", counter, 1, 0, Duration.ofSeconds(1), BuildReason.InputsChanged);
        TrackedBuild build = new TrackedBuild(plan, "docker-1", clock, () -> { });
        build.started();
        build.phase(BuildPhase.RUNNING);
        build.planned(new BuildOutline(planned, "busybox", List.of("x:1")));
        return build;
    }
}
