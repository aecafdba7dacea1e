package dev.playbake.operator.reconcile;

import dev.playbake.imagebuild.TaskStart;
import dev.playbake.imagebuild.BuildOutline;
import java.util.OptionalInt;
import dev.playbake.imagebuild.BuildListener;
import dev.playbake.imagebuild.BuildPhase;
import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.imagebuild.BuildResult;
import dev.playbake.imagebuild.Builder;
import dev.playbake.imagebuild.CancellationSignal;
import dev.playbake.imagebuild.TaskReport;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Builder the test drives: each build reports one running task and then waits until the test finishes it or
 * the build is canceled. It records how many builds ran at once.
 */
public final class FakeBuilder implements Builder {

    private final BlockingQueue<Run> started = new LinkedBlockingQueue<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final AtomicInteger builds = new AtomicInteger();
    private volatile Optional<String> baseDigest = Optional.empty();

    /** From now on every build reports that it pulled its base image as this digest. */
    public void pullsBaseAs(String digest) {
        baseDigest = Optional.of(digest);
    }

    @Override
    public BuildResult build(BuildRequest request, BuildListener listener, CancellationSignal cancellation) {
        builds.incrementAndGet();
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            listener.phase(BuildPhase.PROVISIONING);
            baseDigest.ifPresent(digest -> listener.baseImage(request.baseImage(), digest));
            listener.planned(new BuildOutline(2, "busybox", List.of("x:1")));
            listener.phase(BuildPhase.RUNNING);
            listener.taskFinished(new TaskReport(0, "cached task", TaskReport.Status.CACHED, 0));
            listener.taskStarted(new TaskStart(1, "slow task", OptionalInt.of(2), false));
            Run run = new Run(request, cancellation, listener);
            started.add(run);
            while (true) {
                try {
                    return run.result.get(20, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    if (cancellation.isCanceled()) {
                        return new BuildResult.Canceled(cancellation.reason().orElseThrow(), List.of());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new BuildResult.Canceled("interrupted", List.of());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            running.decrementAndGet();
        }
    }

    /** The next build that reached its slow task. */
    public Run next() throws InterruptedException {
        Run run = started.poll(10, TimeUnit.SECONDS);
        if (run == null) {
            throw new AssertionError("no build started within 10s");
        }
        return run;
    }

    public int builds() {
        return builds.get();
    }

    public int maxRunning() {
        return maxRunning.get();
    }

    public int running() {
        return running.get();
    }

    /**
     * One build waiting in its slow task.
     *
     * @param request      what it builds
     * @param cancellation its cancellation signal
     * @param listener     what the build reports to, for tests that report more
     */
    public record Run(BuildRequest request, CancellationSignal cancellation, BuildListener listener,
                      CompletableFuture<BuildResult> result) {

        Run(BuildRequest request, CancellationSignal cancellation, BuildListener listener) {
            this(request, cancellation, listener, new CompletableFuture<>());
        }

        public void finish(BuildResult buildResult) {
            result.complete(buildResult);
        }
    }
}
