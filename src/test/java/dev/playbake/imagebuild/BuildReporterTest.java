package dev.playbake.imagebuild;

import dev.playbake.engine.TaskOutcome;
import dev.playbake.engine.TaskStatus;
import dev.playbake.playbook.Location;
import dev.playbake.secrets.Redactor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task reports a build gives its listener and its result. */
class BuildReporterTest {

    @Test
    void factGatheringIsReportedInItsPlaceAndMarkedAsNoTaskOfThePlaybook() {
        RecordingListener listener = new RecordingListener();
        BuildReporter reporter = new BuildReporter(listener, Redactor.none(), () -> false);

        reporter.factsGathered(outcome("Gathering Facts"));
        reporter.taskFinished(outcome("install"));
        reporter.taskCached("configure", Location.UNKNOWN, 2);

        List<TaskReport> expected = List.of(new TaskReport(0, "Gathering Facts", TaskReport.Status.OK, 0, true),
                new TaskReport(1, "install", TaskReport.Status.OK, 0, false, OptionalInt.of(1)),
                new TaskReport(2, "configure", TaskReport.Status.CACHED, 0, false, OptionalInt.of(2)));
        assertEquals(expected, listener.tasks);
        assertEquals(expected, reporter.succeeded("sha256:id", Optional.empty(), List.of("x:1"), 1).tasks());
    }

    @Test
    void outputLinesAreMaskedAndKeptForTheFailuresSnippet() {
        RecordingListener listener = new RecordingListener();
        BuildReporter reporter = new BuildReporter(listener, new Redactor(List.of("hunter2")), () -> false);

        reporter.taskStarted("login", Location.UNKNOWN, OptionalInt.of(1));
        reporter.taskOutput(true, "password hunter2 refused");

        assertEquals(List.of("login ! password ******** refused"), listener.output);
        assertTrue(reporter.failed(BuildFailure.Reason.PLAYBOOK_FAILED, "x").toString().contains("password ******** refused"));
        assertFalse(reporter.failed(BuildFailure.Reason.PLAYBOOK_FAILED, "x").toString().contains("hunter2"));
    }

    @Test
    void aTaskThatFailsOnceTheBuildIsCanceledIsCanceled() {
        RecordingListener listener = new RecordingListener();
        BuildReporter reporter = new BuildReporter(listener, Redactor.none(), () -> true);

        reporter.taskFinished(new TaskOutcome("sleep", Location.UNKNOWN, TaskStatus.FAILED, false,
                Map.of("msg", "exit 137"), Duration.ofSeconds(1), OptionalInt.of(1)));

        assertEquals(List.of("sleep=canceled"), listener.statuses());
    }

    private static TaskOutcome outcome(String name) {
        return new TaskOutcome(name, Location.UNKNOWN, TaskStatus.OK, false, Map.of(), Duration.ZERO,
                name.equals("install") ? OptionalInt.of(1) : OptionalInt.empty());
    }
}
