package dev.playbake.operator.reconcile;

import dev.playbake.imagebuild.BuildListener;
import dev.playbake.imagebuild.BuildOutline;
import dev.playbake.imagebuild.BuildPhase;
import dev.playbake.imagebuild.BuildResult;
import dev.playbake.imagebuild.CancellationSignal;
import dev.playbake.imagebuild.PlainLog;
import dev.playbake.imagebuild.StageReport;
import dev.playbake.imagebuild.TaskReport;
import dev.playbake.imagebuild.TaskStart;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One build attempt as it runs in this process: fed by the builder's listener on the build thread, read by
 * the reconciler as {@link Snapshot}s. Every change calls {@code onChange} so the resource is reconciled.
 */
public final class TrackedBuild implements BuildListener {

    /** Cancellation reasons the status tells apart. */
    public static final String CANCELED_BY_USER = "spec.state is Canceled";
    public static final String CANCELED_SPEC_CHANGED = "the spec changed";
    public static final String CANCELED_TIMEOUT = "the build exceeded its timeout";
    public static final String CANCELED_DELETED = "the ImageBuild was deleted";
    public static final String CANCELED_SHUTDOWN = "the operator stopped";

    private static final Logger BUILD_LOG = Logger.getLogger("dev.playbake.operator.buildlog");

    private final BuildPlan plan;
    private final String host;
    private final Clock clock;
    private final Runnable onChange;
    private final CancellationSignal cancellation = new CancellationSignal();
    private final BuildLog log = new BuildLog();
    private final PlainLog lines = new PlainLog(log::append);

    private Optional<BuildPhase> phase = Optional.empty();
    private Optional<Instant> startTime = Optional.empty();
    private int totalTasks;
    private Optional<String> currentTask = Optional.empty();
    private TaskTally tasks = new TaskTally();
    private Optional<BuildResult> result = Optional.empty();
    private Optional<Instant> completionTime = Optional.empty();
    private Optional<String> baseImageDigest = Optional.empty();
    private final CountDownLatch ended = new CountDownLatch(1);

    TrackedBuild(BuildPlan plan, String host, Clock clock, Runnable onChange) {
        this.plan = plan;
        this.host = host;
        this.clock = clock;
        this.onChange = onChange;
        log.append("build " + plan.counter() + (plan.attempt() > 1 ? " attempt " + plan.attempt() : "") + " ("
                + plan.request().buildId() + ") of " + plan.owner() + " on " + host + ", queued at "
                + clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    public BuildPlan plan() {
        return plan;
    }

    /** The build's log, as the CLI's plain view shows a build. */
    public BuildLog log() {
        return log;
    }

    public CancellationSignal cancellation() {
        return cancellation;
    }

    /** Asks the build to stop; the result arrives as a {@link BuildResult.Canceled} (or whatever it reached). */
    public void cancel(String reason) {
        cancellation.cancel(reason);
    }

    void started() {
        synchronized (this) {
            startTime = Optional.of(clock.instant());
        }
        onChange.run();
    }

    void finished(BuildResult buildResult) {
        synchronized (this) {
            result = Optional.of(buildResult);
            completionTime = Optional.of(clock.instant());
            if (!buildResult.tasks().isEmpty()) {
                tasks = new TaskTally();
                tasks.addAll(buildResult.tasks());
            }
            currentTask = Optional.empty();
        }
        ended.countDown();
        onChange.run();
    }

    /** Waits until the build has ended (its container removed); false when it had not by then. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Build output goes to the operator's log, one line per line, prefixed with the owner (docs/operator.md). */
    @Override
    public void log(String line) {
        BUILD_LOG.infof("[%s %s] %s", plan.owner(), plan.request().buildId(), line);
        lines.log(line);
    }

    @Override
    public void taskOutput(TaskStart task, boolean stderr, String line) {
        BUILD_LOG.infof("[%s %s] %s", plan.owner(), plan.request().buildId(), line);
        lines.taskOutput(task, stderr, line);
    }

    @Override
    public void stageStarted(StageReport.Kind kind, String target) {
        lines.stageStarted(kind, target);
    }

    @Override
    public void stageFinished(StageReport report) {
        lines.stageFinished(report);
    }

    @Override
    public void phase(BuildPhase buildPhase) {
        lines.phase(buildPhase);
        synchronized (this) {
            phase = Optional.of(buildPhase);
        }
        onChange.run();
    }

    @Override
    public void baseImage(String reference, String digest) {
        BUILD_LOG.infof("[%s %s] base image %s is %s", plan.owner(), plan.request().buildId(), reference, digest);
        synchronized (this) {
            baseImageDigest = Optional.of(digest);
        }
        onChange.run();
    }

    @Override
    public void planned(BuildOutline outline) {
        lines.planned(outline);
        synchronized (this) {
            totalTasks = outline.totalTasks();
        }
        onChange.run();
    }

    @Override
    public void taskStarted(TaskStart start) {
        lines.taskStarted(start);
        synchronized (this) {
            currentTask = Optional.of(start.name());
        }
        onChange.run();
    }

    @Override
    public void taskFinished(TaskReport report) {
        // the whole task list is kept here, in the build log; status shows a bounded part of it
        BUILD_LOG.infof("[%s %s] task %s %s: %s (%d ms)", plan.owner(), plan.request().buildId(),
                PlainLog.label(report.start()), report.status().label(), report.name(), report.durationMs());
        lines.taskFinished(report);
        synchronized (this) {
            tasks.add(report);
            currentTask = Optional.empty();
        }
        onChange.run();
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(plan, host, phase, startTime, totalTasks, currentTask, tasks.summary(), result,
                completionTime, cancellation.reason(), baseImageDigest);
    }

    /**
     * An immutable view of a tracked build.
     *
     * @param plan           what is built
     * @param host           the Docker host it runs on
     * @param phase          the builder's phase; empty while queued
     * @param startTime      when it left the queue
     * @param totalTasks     tasks planned; 0 until the playbook was parsed
     * @param currentTask    the task running now
     * @param tasks          finished tasks, counted, with the last few and the failed one
     * @param result         how it ended, once it has
     * @param completionTime when it ended
     * @param canceled       why it was asked to stop, if it was
     * @param baseImageDigest the registry digest of the base image it pulled; empty until it has
     */
    public record Snapshot(BuildPlan plan, String host, Optional<BuildPhase> phase, Optional<Instant> startTime,
                           int totalTasks, Optional<String> currentTask, TaskTally.Summary tasks,
                           Optional<BuildResult> result, Optional<Instant> completionTime, Optional<String> canceled,
                           Optional<String> baseImageDigest) {

        public boolean isFinished() {
            return result.isPresent();
        }
    }
}
