package dev.playbake.imagebuild;

import dev.playbake.engine.HostState;
import dev.playbake.engine.PlanStep;
import dev.playbake.engine.StepObserver;
import dev.playbake.image.ImageReference;
import dev.playbake.imagebuild.cache.CacheKeys;
import dev.playbake.imagebuild.cache.LayerCache;
import dev.playbake.runtime.ContainerRuntime;
import dev.playbake.runtime.ImageInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        if (due && lastUnsnapshotted != null) {
            take(step);
        }
    }

    void afterLastStep() {
        List<PlanStep> steps = plan.steps();
        if (!steps.isEmpty() && lastUnsnapshotted != null) {
            take(steps.get(steps.size() - 1));
        }
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

    private void take(PlanStep step) {
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
        String image = cache.snapshot(container.id(), container.quiescent(), plan.keys().get(step.index()), request.cacheScope(), exported, fetched.get(),
                reporter.redactor().redact(description), request.buildId(),
                ImageReference.parse(request.tags().get(0)).repository(), plan.base().settings());
        snapshotCost = System.nanoTime() - start;
        taken.put(plan.keys().get(step.index()), image);
        if (runtime.layerCount(image) >= layerLimit) {
            container.squash(request.buildId(), plan.base().settings());
        } else if (size(image) - startSize() > REBASE_AFTER_BYTES) {
            container.rebase(image, plan.base().settings());
        }
        workSinceSnapshot = 0;
        lastUnsnapshotted = null;
        lastStepEnd = System.nanoTime();
        reporter.listener().snapshot(step.index(), image);
    }
}
