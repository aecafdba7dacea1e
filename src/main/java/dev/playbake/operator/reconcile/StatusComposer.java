package dev.playbake.operator.reconcile;

import dev.playbake.api.Durations;
import dev.playbake.api.v1alpha1.BuildRecord;
import dev.playbake.api.v1alpha1.Condition;
import dev.playbake.api.v1alpha1.FailureStatus;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.api.v1alpha1.InputsStatus;
import dev.playbake.api.v1alpha1.OutputStatus;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.api.v1alpha1.ProgressStatus;
import dev.playbake.api.v1alpha1.TaskCountsStatus;
import dev.playbake.api.v1alpha1.TaskStatus;
import dev.playbake.image.ImageReference;
import dev.playbake.imagebuild.BuildFailure;
import dev.playbake.imagebuild.BuildPhase;
import dev.playbake.imagebuild.BuildResult;
import dev.playbake.imagebuild.TaskReport;
import dev.playbake.secrets.Redactor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the status an ImageBuild should have from what the operator knows; pure, so the reconciler can
 * compare it with the current status and patch only a difference. The last good image (latestImage, output)
 * stays until a newer build replaces it; conditions keep their transition time while their status holds.
 */
public final class StatusComposer {

    public static final String READY = "Ready";
    public static final String SUCCEEDED = "Succeeded";
    /** Longest task name status shows. */
    static final int MAX_NAME = 200;
    /** Longest message (a failure's, a condition's) status shows; the build log has the whole. */
    static final int MAX_MESSAGE = 2000;

    /** Ended builds status.history lists unless the operator is configured otherwise. */
    public static final int HISTORY_LIMIT = 10;

    private final Clock clock;
    private final Function<TrackedBuild.Snapshot, Duration> retryDelay;
    private final int historyLimit;

    /** With the plan's backoff before every retry. */
    public StatusComposer(Clock clock) {
        this(clock, build -> build.plan().retryDelay(), HISTORY_LIMIT);
    }

    /**
     * @param retryDelay   how long a failed build waits before its retry (none when another host can take it)
     * @param historyLimit how many ended builds status.history lists
     */
    public StatusComposer(Clock clock, Function<TrackedBuild.Snapshot, Duration> retryDelay, int historyLimit) {
        this.clock = clock;
        this.retryDelay = retryDelay;
        this.historyLimit = historyLimit;
    }

    /** No build can start: the spec is invalid or something it refers to is missing. */
    public ImageBuildStatus blocked(ImageBuildStatus current, long generation, StatusReason reason, String message) {
        ImageBuildStatus status = carryOver(current, generation);
        status.phase = Phase.FAILED;
        status.failure = new FailureStatus();
        status.failure.reason = reason.name();
        status.failure.message = message;
        conditions(status, current, generation, "False", reason, message, "False");
        return status;
    }

    /** The user canceled with spec.state and no build runs. */
    public ImageBuildStatus canceled(ImageBuildStatus current, long generation) {
        ImageBuildStatus status = copy(current, generation);
        status.phase = Phase.CANCELED;
        status.progress = null;
        status.nextRetryTime = null;
        String message = "canceled: " + TrackedBuild.CANCELED_BY_USER;
        conditions(status, current, generation, "False", StatusReason.Canceled, message, "False");
        return status;
    }

    /** The current status, now describing this generation (inputs unchanged, nothing to do). */
    public ImageBuildStatus observed(ImageBuildStatus current, long generation) {
        ImageBuildStatus status = copy(current, generation);
        status.conditions.forEach(c -> c.observedGeneration = generation);
        return status;
    }

    /** The status of a build this process runs or ran. */
    public ImageBuildStatus of(ImageBuildStatus current, long generation, TrackedBuild.Snapshot build, Redactor redactor) {
        ImageBuildStatus status = carryOver(current, generation);
        BuildPlan plan = build.plan();
        status.buildId = plan.request().buildId();
        status.buildCounter = plan.counter();
        status.attempt = plan.attempt();
        status.buildHost = build.host();
        status.startTime = build.startTime().map(StatusComposer::time).orElse(null);
        status.inputs = new InputsStatus();
        status.inputs.hash = plan.inputsHash();
        status.inputs.playbookSha256 = plan.playbookSha256();
        status.inputs.baseImageDigest = build.baseImageDigest().orElse(null);
        status.buildReason = plan.reason().name();
        status.tasks = build.tasks().shown().stream().map(StatusComposer::task).toList();
        status.taskCounts = counts(build.tasks());
        status.cacheHits = build.tasks().count(TaskReport.Status.CACHED);
        if (build.result().isEmpty()) {
            running(status, current, generation, build);
            return status;
        }
        status.completionTime = build.completionTime().map(StatusComposer::time).orElse(null);
        status.duration = build.startTime().flatMap(start -> build.completionTime()
                .map(end -> Durations.format(Duration.between(start, end)))).orElse(null);
        // how far it got stays for kubectl get (6/6, 3/6 where it failed); one that ended before its playbook was
        // planned has nothing to count
        if (build.totalTasks() > 0 || build.tasks().playbookTasks() > 0) {
            status.progress = progress(build);
        }
        BuildResult result = build.result().get();
        if (result instanceof BuildResult.Succeeded succeeded) {
            succeeded(status, current, generation, build, succeeded);
        } else if (result instanceof BuildResult.Failed failed) {
            failed(status, current, generation, build, failed.failure(), redactor);
        } else {
            canceled(status, current, generation, build, (BuildResult.Canceled) result);
        }
        status.history = history(status, current, build);
        return status;
    }

    private void running(ImageBuildStatus status, ImageBuildStatus current, long generation, TrackedBuild.Snapshot build) {
        status.completionTime = null;
        status.duration = null;
        if (build.startTime().isEmpty()) {
            status.phase = Phase.PENDING;
            conditions(status, current, generation, "Unknown", StatusReason.Pending,
                    "waiting for a free build slot on " + build.host(), "Unknown");
            return;
        }
        BuildPhase phase = build.phase().orElse(BuildPhase.PROVISIONING);
        status.phase = phase == BuildPhase.PUSHING ? Phase.PUSHING : Phase.BUILDING;
        ProgressStatus progress = progress(build);
        status.progress = progress;
        String message = build.currentTask()
                .map(task -> "task " + (progress.completedTasks + 1) + " of " + progress.totalTasks + ": "
                        + bounded(task))
                .orElse(phase.name().toLowerCase() + " on " + build.host());
        conditions(status, current, generation, "Unknown", StatusReason.of(phase), message, "Unknown");
    }

    /** Tasks of the playbook finished of those it has; fact gathering is in neither. */
    private static ProgressStatus progress(TrackedBuild.Snapshot build) {
        int finished = build.tasks().playbookTasks();
        // handlers, rescues and the tasks of dynamic includes are not known when the playbook is planned
        int total = Math.max(build.totalTasks(), finished + (build.currentTask().isPresent() ? 1 : 0));
        ProgressStatus progress = new ProgressStatus();
        progress.completedTasks = finished;
        progress.totalTasks = total;
        progress.currentTask = build.currentTask().map(StatusComposer::bounded).orElse(null);
        progress.summary = finished + "/" + total;
        return progress;
    }

    private void succeeded(ImageBuildStatus status, ImageBuildStatus current, long generation,
                           TrackedBuild.Snapshot build, BuildResult.Succeeded result) {
        String primary = result.tags().isEmpty() ? build.plan().request().tags().get(0) : result.tags().get(0);
        status.latestImage = result.digest().map(d -> ImageReference.parse(primary).withDigest(d)).orElse(primary);
        status.output = new OutputStatus();
        status.output.digest = result.digest().orElse(null);
        status.output.imageId = result.imageId();
        status.output.tags = result.tags();
        status.output.sizeBytes = result.sizeBytes();
        status.cacheHits = result.cacheHits();
        status.phase = Phase.SUCCEEDED;
        String message = "built " + status.latestImage;
        conditions(status, current, generation, "True", StatusReason.Succeeded, message, "True");
    }

    private void failed(ImageBuildStatus status, ImageBuildStatus current, long generation,
                        TrackedBuild.Snapshot build, BuildFailure failure, Redactor redactor) {
        StatusReason reason = StatusReason.of(failure.reason());
        status.failure = failure(reason, failure, redactor);
        String message = redactor.redact(failure.message())
                + failure.file().map(f -> " (" + f + (failure.line() > 0 ? ":" + failure.line() : "") + ")").orElse("");
        BuildPlan plan = build.plan();
        if (failure.reason().isTransient() && plan.mayRetry()) {
            Duration delay = retryDelay.apply(build);
            Instant retryAt = build.completionTime().orElse(clock.instant()).plus(delay);
            status.phase = Phase.PENDING;
            status.nextRetryTime = time(retryAt);
            message += "; retry " + plan.attempt() + " of " + plan.retryLimit()
                    + (delay.isZero() ? " now, on another Docker host" : " in " + Durations.format(delay));
            conditions(status, current, generation, "Unknown", reason, message, "False");
            return;
        }
        status.phase = Phase.FAILED;
        conditions(status, current, generation, "False", reason, message, "False");
    }

    private void canceled(ImageBuildStatus status, ImageBuildStatus current, long generation,
                          TrackedBuild.Snapshot build, BuildResult.Canceled result) {
        String why = build.canceled().orElse(result.reason());
        String detail = result.detail().map(d -> "; " + d).orElse("");
        if (why.equals(TrackedBuild.CANCELED_TIMEOUT)) {
            status.phase = Phase.FAILED;
            String message = "the build took longer than its timeout of "
                    + Durations.format(build.plan().request().timeout()) + detail;
            status.failure = new FailureStatus();
            status.failure.reason = StatusReason.Timeout.name();
            status.failure.message = message;
            conditions(status, current, generation, "False", StatusReason.Timeout, message, "False");
        } else if (why.equals(TrackedBuild.CANCELED_BY_USER)) {
            status.phase = Phase.CANCELED;
            conditions(status, current, generation, "False", StatusReason.Canceled, "canceled: " + why + detail, "False");
        } else if (why.equals(TrackedBuild.CANCELED_SHUTDOWN)) {
            // not terminal and the inputs hash kept: the next operator takes its restart path and builds it again
            status.phase = Phase.PENDING;
            conditions(status, current, generation, "Unknown", StatusReason.Interrupted,
                    "interrupted: " + why + "; the next operator builds it again" + detail, "Unknown");
        } else {
            status.phase = Phase.PENDING;
            conditions(status, current, generation, "Unknown", StatusReason.Pending, "canceled: " + why + detail, "Unknown");
        }
    }

    /** The history with this ended build first: added once, the record of its build ID replaced when seen again. */
    private List<BuildRecord> history(ImageBuildStatus status, ImageBuildStatus current, TrackedBuild.Snapshot build) {
        String buildId = build.plan().request().buildId();
        BuildRecord record = new BuildRecord();
        record.counter = build.plan().counter();
        record.attempt = build.plan().attempt();
        record.buildId = buildId;
        record.buildHost = build.host();
        record.startTime = status.startTime;
        record.completionTime = status.completionTime;
        BuildResult result = build.result().orElseThrow();
        if (result instanceof BuildResult.Succeeded succeeded) {
            record.result = "Succeeded";
            record.digest = succeeded.digest().orElse(null);
        } else if (status.failure != null) {
            record.result = "Failed";
            record.reason = status.failure.reason;
        } else {
            boolean interrupted = build.canceled().map(TrackedBuild.CANCELED_SHUTDOWN::equals).orElse(false);
            record.result = interrupted ? "Interrupted" : "Canceled";
        }
        List<BuildRecord> history = new ArrayList<>();
        history.add(record);
        Optional.ofNullable(current).map(c -> c.history).orElse(List.of()).stream()
                .filter(r -> !buildId.equals(r.buildId))
                .limit(Math.max(0, historyLimit - 1))
                .forEach(history::add);
        return historyLimit > 0 ? history : new ArrayList<>();
    }

    private static FailureStatus failure(StatusReason reason, BuildFailure failure, Redactor redactor) {
        FailureStatus status = new FailureStatus();
        status.reason = reason.name();
        status.message = bounded(redactor.redact(failure.message()), MAX_MESSAGE);
        status.file = failure.file().orElse(null);
        status.line = failure.line() > 0 ? failure.line() : null;
        status.task = failure.task().map(StatusComposer::bounded).orElse(null);
        String snippet = redactor.redact(failure.logSnippet());
        // the end of the log is where the failure is
        status.logSnippet = snippet.isEmpty() ? null : snippet.length() <= 2 * MAX_MESSAGE ? snippet
                : "…" + snippet.substring(snippet.length() - 2 * MAX_MESSAGE + 1);
        status.debugImage = failure.debugImage().orElse(null);
        return status;
    }

    private static TaskStatus task(TaskReport report) {
        TaskStatus task = new TaskStatus();
        task.name = bounded(report.name());
        task.status = report.status().label();
        task.durationMs = report.durationMs();
        task.number = report.index() + 1;
        return task;
    }

    private static TaskCountsStatus counts(TaskTally.Summary tasks) {
        TaskCountsStatus counts = new TaskCountsStatus();
        counts.total = tasks.finished();
        counts.changed = tasks.count(TaskReport.Status.CHANGED);
        counts.ok = tasks.count(TaskReport.Status.OK);
        counts.skipped = tasks.count(TaskReport.Status.SKIPPED);
        counts.failed = tasks.count(TaskReport.Status.FAILED);
        counts.cached = tasks.count(TaskReport.Status.CACHED);
        return counts;
    }

    /** A task name as status shows it: a templated name can be any length, status must stay small. */
    static String bounded(String name) {
        return bounded(name, MAX_NAME);
    }

    /** The text cut to at most {@code max} characters, marked where it was cut; null stays null. */
    static String bounded(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /**
     * The status without its lists and long texts (tasks, the log snippet), for when the API server refused the full
     * one: phase, progress counts, conditions, the image and the inputs hash still say how the build went.
     */
    public static ImageBuildStatus minimal(ImageBuildStatus full) {
        ImageBuildStatus status = Json.copy(full, ImageBuildStatus.class);
        status.tasks = new ArrayList<>();
        // the counts stay, for kubectl get's PROGRESS column: a few numbers, and the task name is bounded already
        Optional.ofNullable(status.progress).ifPresent(p -> p.currentTask = bounded(p.currentTask, MAX_NAME));
        if (status.failure != null) {
            status.failure.logSnippet = null;
            status.failure.message = bounded(status.failure.message, MAX_NAME);
        }
        status.conditions.forEach(c -> c.message = bounded(c.message, MAX_NAME));
        return status;
    }

    /** A fresh status keeping only what outlives a build: the last good image. */
    private static ImageBuildStatus carryOver(ImageBuildStatus current, long generation) {
        ImageBuildStatus status = new ImageBuildStatus();
        status.observedGeneration = generation;
        if (current != null) {
            status.latestImage = current.latestImage;
            status.output = current.output;
            status.buildCounter = current.buildCounter;
            status.buildId = current.buildId;
            status.buildHost = current.buildHost;
            status.history = current.history;
        }
        return status;
    }

    private static ImageBuildStatus copy(ImageBuildStatus current, long generation) {
        ImageBuildStatus status = current == null ? new ImageBuildStatus() : Json.copy(current, ImageBuildStatus.class);
        status.observedGeneration = generation;
        return status;
    }

    private void conditions(ImageBuildStatus status, ImageBuildStatus current, long generation, String ready,
                            StatusReason reason, String message, String succeeded) {
        List<Condition> previous = current == null ? List.of() : current.conditions;
        List<Condition> conditions = new ArrayList<>();
        conditions.add(condition(previous, READY, ready, reason, message, generation));
        conditions.add(condition(previous, SUCCEEDED, succeeded, reason, message, generation));
        status.conditions = conditions;
    }

    private Condition condition(List<Condition> previous, String type, String value, StatusReason reason,
                                String message, long generation) {
        Condition condition = new Condition();
        condition.type = type;
        condition.status = value;
        condition.reason = reason.name();
        condition.message = bounded(message, MAX_MESSAGE);
        condition.observedGeneration = generation;
        condition.lastTransitionTime = find(previous, type)
                .filter(c -> value.equals(c.status) && c.lastTransitionTime != null)
                .map(c -> c.lastTransitionTime)
                .orElseGet(() -> time(clock.instant()));
        return condition;
    }

    /** The condition of this type, if the status has one. */
    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.type)).findFirst();
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
