package dev.playbake.imagebuild;

import dev.playbake.engine.EngineListener;
import dev.playbake.engine.RunResult;
import dev.playbake.engine.TaskOutcome;
import dev.playbake.engine.Facts;
import dev.playbake.playbook.Location;
import dev.playbake.secrets.Redactor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;

/**
 * One build's account of itself: forwards engine events to the build listener (redacted), keeps the task
 * reports and the log tail, and writes the results the pipeline ends with from them. A task that fails because the
 * build was canceled under it (its container removed) is reported canceled, not failed.
 */
final class BuildReporter implements EngineListener {

    private final BuildListener listener;
    private final Redactor redactor;
    private final BuildLog log = new BuildLog();
    private final List<TaskReport> tasks = new ArrayList<>();
    private final BooleanSupplier canceled;
    private TaskStart current = new TaskStart(0, "", OptionalInt.empty(), false);
    private long currentSince;
    private boolean running;
    private int cacheHits;

    BuildReporter(BuildListener listener, Redactor redactor, BooleanSupplier canceled) {
        this.listener = listener;
        this.redactor = redactor;
        this.canceled = canceled;
    }

    BuildListener listener() {
        return listener;
    }

    Redactor redactor() {
        return redactor;
    }

    /** Reports the plan before anything runs, so a view can show {@code [n/N]} from the first task on. */
    void planned(BuildOutline outline) {
        listener.planned(outline);
    }

    @Override
    public void taskStarted(String name, Location location, OptionalInt number) {
        current = new TaskStart(tasks.size(), redactor.redact(name), number, name.equals(Facts.TASK_NAME) && number.isEmpty());
        currentSince = System.nanoTime();
        running = true;
        listener.taskStarted(current);
    }

    @Override
    public void taskOutput(boolean stderr, String line) {
        String redacted = redactor.redact(line);
        log.add(redacted);
        listener.taskOutput(current, stderr, redacted);
    }

    @Override
    public void taskFinished(TaskOutcome outcome) {
        finished(outcome, false);
    }

    @Override
    public void factsGathered(TaskOutcome outcome) {
        finished(outcome, true);
    }

    private void finished(TaskOutcome outcome, boolean facts) {
        TaskReport.Status status = switch (outcome.status()) {
            case OK -> TaskReport.Status.OK;
            case CHANGED -> TaskReport.Status.CHANGED;
            case SKIPPED -> TaskReport.Status.SKIPPED;
            // the cancellation removed the container under the task: the task did not fail, the build was stopped
            case FAILED -> canceled.getAsBoolean() ? TaskReport.Status.CANCELED : TaskReport.Status.FAILED;
        };
        running = false;
        TaskReport report = new TaskReport(tasks.size(), redactor.redact(outcome.name()), status,
                outcome.duration().toMillis(), facts, outcome.number());
        tasks.add(report);
        log.add(status.label() + ": " + report.name() + (status == TaskReport.Status.FAILED
                ? " — " + redactor.redact(outcome.message()) : ""));
        listener.taskFinished(report);
    }

    @Override
    public void taskCached(String name, Location location, int number) {
        TaskReport report = new TaskReport(tasks.size(), redactor.redact(name), TaskReport.Status.CACHED, 0, false,
                OptionalInt.of(number));
        tasks.add(report);
        cacheHits++;
        listener.taskFinished(report);
    }

    @Override
    public void log(String line) {
        String redacted = redactor.redact(line);
        log.add(redacted);
        listener.log(redacted);
    }

    BuildResult succeeded(String imageId, Optional<String> digest, List<String> tags, long size) {
        return new BuildResult.Succeeded(imageId, digest, tags, size, cacheHits, List.copyOf(tasks));
    }

    BuildResult failed(BuildFailure.Reason reason, String message, Location location, String task) {
        return new BuildResult.Failed(new BuildFailure(reason, redactor.redact(message),
                location.file().isEmpty() ? Optional.empty() : Optional.of(location.file()), location.line(),
                task.isEmpty() ? Optional.empty() : Optional.of(task), log.tail(), Optional.empty()),
                List.copyOf(tasks));
    }

    /** A failure without a place in the playbook. */
    BuildResult failed(BuildFailure.Reason reason, String message) {
        return failed(reason, message, Location.UNKNOWN, "");
    }

    /** A task failed; {@code note}, when not empty, is added to the message after a line break. */
    BuildResult playbookFailed(RunResult.Failed failure, Optional<String> debugImage, String note) {
        return new BuildResult.Failed(new BuildFailure(BuildFailure.Reason.PLAYBOOK_FAILED,
                "task '" + failure.task() + "' failed: " + failure.message() + (note.isEmpty() ? "" : "\n" + note),
                Optional.of(failure.location().file()), failure.location().line(), Optional.of(failure.task()),
                log.tail(), debugImage), List.copyOf(tasks));
    }

    /** Canceled, or failed with TIMEOUT when the timer was what canceled it. */
    BuildResult canceled(CancellationSignal cancellation, Duration timeout) {
        if (running) {
            // the connection broke under the running task before it could end: it ends here, as canceled
            running = false;
            TaskReport report = new TaskReport(current.index(), current.name(), TaskReport.Status.CANCELED,
                    (System.nanoTime() - currentSince) / 1_000_000, current.facts(), current.number());
            tasks.add(report);
            listener.taskFinished(report);
        }
        String reason = cancellation.reason().orElse("canceled");
        if (reason.equals("timeout")) {
            return new BuildResult.Failed(new BuildFailure(BuildFailure.Reason.TIMEOUT, "the build took longer "
                    + "than its timeout of " + timeout.toString().substring(2).toLowerCase(Locale.ROOT), Optional.empty(), 0, Optional.empty(), log.tail(),
                    Optional.empty()), List.copyOf(tasks));
        }
        return new BuildResult.Canceled(reason, List.copyOf(tasks));
    }
}
