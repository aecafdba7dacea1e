package dev.playbake.imagebuild;

import dev.playbake.engine.HostState;
import dev.playbake.engine.PlanStep;
import dev.playbake.engine.StepObserver;
import dev.playbake.image.ImageReference;
import dev.playbake.imagebuild.cache.CacheKeys;
import dev.playbake.imagebuild.cache.LayerCache;
import dev.playbake.runtime.ContainerRuntime;
import dev.playbake.runtime.ImageInfo;
import dev.playbake.runtime.ImageSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Commits snapshots of the working container as the policy asks (docs/architecture.md, "Snapshots after tasks"),
 * squashing at the layer limit.
 */
final class Snapshots implements StepObserver {

    /** What one snapshot is assumed to cost until one has been measured (about 0.15 s here). */
    private static final long DEFAULT_SNAPSHOT_NANOS = 150_000_000L;
    /**
     * A commit writes everything the container changed since it started, so once that is this large, the build
     * moves onto a container from the snapshot (about a container start, 0.2-0.3 s) and later commits write only
     * what later steps change; copying 64 MiB again costs more than the move.
     */
    static final long REBASE_AFTER_BYTES = 64L * 1024 * 1024;
    /**
     * Under {@code Auto}, work between two snapshots is this many commits' worth, so commits add at most about a
     * quarter to a cold build and an edit reruns at most that much work before the step it changed.
     */
    static final int WORK_PER_SNAPSHOT = 4;
    /**
     * Under {@code Auto}, each of this many last task steps gets a snapshot when it changed something: a playbook
     * grows at its end, so that is where edits come while one writes it, and the reruns they cost are one step.
     */
    static final int DENSE_TAIL_STEPS = 3;

    /** The image's commit beside the last snapshot's: a thread of its own, as a build has one such commit. */
    private static final Executor IMAGE_COMMITS = commit -> {
        Thread thread = new Thread(commit, "playbake-image-commit");
        thread.setDaemon(true);
        thread.start();
    };

    private final BuildRequest request;
    private final BuildPlan plan;
    private final HostState state;
    private final WorkingContainer container;
    private final ContainerRuntime runtime;
    private final LayerCache cache;
    private final int layerLimit;
    private final BuildReporter reporter;
    /** The first plan step of the dense tail. */
    private final int tailStart;
    private long workSinceSnapshot;
    private long lastStepEnd = System.nanoTime();
    private long snapshotCost = DEFAULT_SNAPSHOT_NANOS;
    private PlanStep lastUnsnapshotted;
    /** The size of the image the container started from, asked once per container. */
    private String sizedStart = "";
    private long startSize;
    private boolean secretTouched;
    /** The snapshots this build committed, by cache key, in order. */
    private final Map<String, String> taken = new LinkedHashMap<>();

    Snapshots(BuildRequest request, BuildPlan plan, HostState state, WorkingContainer container,
              ContainerRuntime runtime, int layerLimit, BuildReporter reporter) {
        this.request = request;
        this.plan = plan;
        this.state = state;
        this.container = container;
        this.runtime = runtime;
        this.cache = new LayerCache(runtime);
        this.layerLimit = layerLimit;
        this.reporter = reporter;
        this.tailStart = tailStart(plan.steps());
    }

    private static int tailStart(List<PlanStep> steps) {
        int taskSteps = 0;
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (!steps.get(i).isFlush() && ++taskSteps == DENSE_TAIL_STEPS) {
                return i;
            }
        }
        return 0;
    }

    @Override
    public void stepFinished(PlanStep step, HostState after, boolean work) {
        // a step that uses a secret var may have written it to disk: no snapshot from here on, so no
        // layer of the cache, and none a later build resumes on, can hold it
        secretTouched |= usesSecret(step);
        long now = System.nanoTime();
        if (work) {
            workSinceSnapshot += now - lastStepEnd;
            lastUnsnapshotted = step;
        }
        lastStepEnd = now;
        boolean due = request.snapshots() == BuildRequest.SnapshotPolicy.EVERY_CHANGE || step.index() >= tailStart
                ? work : lastUnsnapshotted != null && workSinceSnapshot > WORK_PER_SNAPSHOT * snapshotCost;
        // the last step's snapshot is taken with the image's commit, in finish
        if (due && lastUnsnapshotted != null && step.index() < plan.steps().size() - 1) {
            take(step, container.quiescent(), true);
        }
    }

    /**
     * Takes the snapshot still due after the last step and commits the image with {@code image}'s settings; returns
     * the image's ID. The two are commits of one state: with nothing running in the container and no squash due,
     * they run at once (about 95 ms for both here, against 125–170 ms one after the other).
     */
    String finish(ImageSettings image) {
        List<PlanStep> steps = plan.steps();
        if (steps.isEmpty() || lastUnsnapshotted == null) {
            return container.commit(image, container.quiescent());
        }
        PlanStep last = steps.get(steps.size() - 1);
        boolean quiescent = container.quiescent();
        // one commit adds one layer: the snapshot would have as many as the image, and one at the limit is squashed
        if (!quiescent || runtime.layerCount(container.image()) + 1 >= layerLimit) {
            take(last, quiescent, true);
            return container.commit(image, container.quiescent());
        }
        CompletableFuture<String> committed = CompletableFuture.supplyAsync(() -> container.commit(image, true),
                IMAGE_COMMITS);
        RuntimeException failure = null;
        try {
            // no move onto the snapshot: nothing is committed in this container after it
            take(last, true, false);
        } catch (RuntimeException e) {
            failure = e;
        }
        String imageId;
        try {
            imageId = committed.join();
        } catch (CompletionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
            if (failure != null) {
                cause.addSuppressed(failure);
            }
            throw cause;
        }
        if (failure != null) {
            throw failure;
        }
        return imageId;
    }

    /** The snapshots this build committed (image IDs by cache key), in the order it took them. */
    Map<String, String> taken() {
        return Map.copyOf(taken);
    }

    /** Whether a later build may take the finished image for this one: not when a value came from a URL. */
    boolean imageReusable() {
        return !state.readNetwork();
    }

    /** Whether a step used a secret var, so the container may hold it. */
    boolean secretTouched() {
        return secretTouched;
    }

    private boolean usesSecret(PlanStep step) {
        if (request.secretVars().isEmpty()) {
            return false;
        }
        String definition = step.step().map(s -> CacheKeys.canonical(List.of(step.enclosing(), s)))
                .orElseGet(() -> CacheKeys.canonical(plan.inputs().playbook().plays().get(step.play()).handlers()));
        return request.secretVars().keySet().stream().anyMatch(name ->
                Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(definition).find());
    }

    /** An image's size with its parents, as the runtime reports it. */
    private long size(String image) {
        return runtime.inspectImage(image).map(ImageInfo::size).orElse(0L);
    }

    private long startSize() {
        if (!sizedStart.equals(container.image())) {
            sizedStart = container.image();
            startSize = size(sizedStart);
        }
        return startSize;
    }

    private void take(PlanStep step, boolean quiescent, boolean mayMove) {
        if (!state.resumable() || secretTouched) {
            return;
        }
        Map<String, Object> exported = state.export();
        if (reporter.redactor().containsSecret(LayerCache.json(exported))) {
            return;  // a secret reached a registered variable: such state is never stored
        }
        Optional<String> fetched = plan.inputs().artifacts().label();
        if (fetched.isEmpty()) {
            return;  // the files fetched so far cannot be kept: a resume from here could not give them back
        }
        long start = System.nanoTime();
        String description = (step.index() + 1) + "/" + plan.steps().size() + " "
                + String.join(", ", step.taskNames().isEmpty() ? List.of("handlers") : step.taskNames());
        String image = cache.snapshot(container.id(), quiescent, plan.keys().get(step.index()), request.cacheScope(), exported, fetched.get(),
                reporter.redactor().redact(description), request.buildId(),
                ImageReference.parse(request.tags().get(0)).repository(), plan.base().settings());
        snapshotCost = System.nanoTime() - start;
        taken.put(plan.keys().get(step.index()), image);
        if (mayMove) {
            moveIfDue(image);
        }
        workSinceSnapshot = 0;
        lastUnsnapshotted = null;
        lastStepEnd = System.nanoTime();
        reporter.listener().snapshot(step.index(), image);
    }

    /** Squashes the build at the layer limit, or moves it onto the snapshot once its diff is large. */
    private void moveIfDue(String snapshot) {
        if (runtime.layerCount(snapshot) >= layerLimit) {
            container.squash(request.buildId(), plan.base().settings());
        } else if (size(snapshot) - startSize() > REBASE_AFTER_BYTES) {
            container.rebase(snapshot, plan.base().settings());
        }
    }
}
