package dev.playbake.imagebuild;

import dev.playbake.connection.ConnectionException;
import dev.playbake.engine.ControllerAccess;
import dev.playbake.engine.Engine;
import dev.playbake.engine.HostState;
import dev.playbake.engine.PlanStep;
import dev.playbake.engine.RunContext;
import dev.playbake.engine.RunResult;
import dev.playbake.engine.TaskPlan;
import dev.playbake.imagebuild.cache.ArtifactCache;
import dev.playbake.imagebuild.cache.Labels;
import dev.playbake.imagebuild.cache.LayerCache;
import dev.playbake.modules.ArtifactFolder;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.egress.EgressPolicy;
import dev.playbake.playbook.Location;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.runtime.ContainerLimits;
import dev.playbake.runtime.HostUnavailableException;
import dev.playbake.runtime.ImageInfo;
import dev.playbake.runtime.RegistryException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One build through the stages of docs/architecture.md ("The life of a build"), in the order {@link #build} lists
 * them. A stage hands the next what it made, or ends the build with its result by throwing {@link Stop}. The caller
 * removes the working container afterwards, whichever way the build ended.
 */
final class BuildRun {

    /** What a failure says when the policy kept no debug image because of secrets. */
    private static final String DEBUG_IMAGE_WITHHELD = "debug image not kept: the build used secret vars";

    private final ImageBuilder.Setup setup;
    private final BuildRequest request;
    private final BuildReporter reporter;
    private final CancellationSignal cancellation;
    private final WorkingContainer container;
    private final Registries registries;
    private final LayerCache cache;

    BuildRun(ImageBuilder.Setup setup, BuildRequest request, BuildReporter reporter, CancellationSignal cancellation,
             WorkingContainer container) {
        this.setup = setup;
        this.request = request;
        this.reporter = reporter;
        this.cancellation = cancellation;
        this.container = container;
        this.registries = new Registries(setup.runtime(), request, reporter, cancellation,
                setup.tenancy().baseImages(), setup.tenancy().removeSuperseded(), setup.publishGate());
        this.cache = new LayerCache(setup.runtime());
    }

    BuildResult build(ScheduledExecutorService timer) {
        try {
            reporter.listener().phase(BuildPhase.PROVISIONING);
            BuildInputs inputs = parse();
            TaskPlan tasks = TaskPlan.of(PlanStep.plan(inputs.playbook().plays()), inputs.playbook().plays(),
                    request.tagSelection());
            reporter.planned(new BuildOutline(tasks.total(), request.baseImage(), request.tags()));
            BuildPlan plan = plan(inputs, resolveBase());
            Optional<String> finished = reuseFinishedImage(plan, tasks);
            if (finished.isPresent()) {
                return registries.tagAndPush(finished.get());
            }
            Optional<LayerCache.Hit> hit = deepestSnapshot(plan);
            startContainer(plan, hit, timer);
            HostState state = hit.map(h -> HostState.restore(h.state())).orElseGet(HostState::new);
            Snapshots snapshots = new Snapshots(request, plan, state, container, setup.runtime(), setup.layerLimit(),
                    reporter);
            runEngine(plan, hit.map(h -> h.index() + 1).orElse(0), state, snapshots);
            BuildResult result = registries.tagAndPush(commitImage(plan, snapshots));
            if (result instanceof BuildResult.Succeeded && request.registryCache().to().isPresent()) {
                registries.exportSnapshots(cache.held(plan.resumableKeys()));
            }
            return result;
        } catch (Stop stop) {
            return stop.result;
        }
    }

    /** Parses the playbook and checks the request has somewhere to put the result. */
    private BuildInputs parse() {
        BuildInputs inputs;
        try {
            inputs = BuildInputs.parse(request, setup.modules(), setup.artifactStore());
        } catch (PlaybookException e) {
            throw new Stop(reporter.failed(BuildFailure.Reason.INVALID_SPEC, e.detail(), e.location(), e.task()));
        }
        if (request.tags().isEmpty()) {
            throw new Stop(reporter.failed(BuildFailure.Reason.INVALID_SPEC, "the build has no output image: give a tag"));
        }
        inputs.warnings().forEach(warning -> reporter.log("[WARNING]: " + warning.line()
                + " (the task may not run; if it does, it fails)"));
        return inputs;
    }

    private ImageInfo resolveBase() {
        try {
            return registries.resolveBase();
        } catch (RegistryException e) {
            throw new Stop(reporter.failed(e.kind() == RegistryException.Kind.TRANSIENT ? BuildFailure.Reason.PULL_FAILED
                    : BuildFailure.Reason.INVALID_SPEC, e.getMessage()));
        } catch (HostUnavailableException e) {
            throw new Stop(reporter.failed(BuildFailure.Reason.HOST_UNAVAILABLE, e.getMessage()));
        }
    }

    /** Plans the steps and their cache keys. */
    private BuildPlan plan(BuildInputs inputs, ImageInfo base) {
        return BuildPlan.of(inputs, base, request, setup.extraContainerLabels().keySet(), setup.secretKey());
    }

    /** An earlier build's finished image for exactly this build, every task reported cached. */
    private Optional<String> reuseFinishedImage(BuildPlan plan, TaskPlan tasks) {
        if (!plan.finishedImageUsable()) {
            return Optional.empty();
        }
        ArtifactCache artifacts = plan.inputs().artifacts();
        Optional<LayerCache.Finished> finished = cache.finished(plan.imageKey(), request.tags())
                .filter(image -> artifacts.usable(image.artifacts()));
        if (finished.isEmpty()) {
            return Optional.empty();
        }
        restoreArtifacts(artifacts, finished.get().artifacts());
        reporter.listener().execs(0);
        plan.steps().forEach(step -> tasks.tasks(step).forEach(planned -> reporter.taskCached(
                planned.task().displayName(), planned.task().location(), planned.number())));
        return Optional.of(finished.get().imageId());
    }

    /** The deepest snapshot to resume on, its fetched files put back. */
    private Optional<LayerCache.Hit> deepestSnapshot(BuildPlan plan) {
        if (!plan.resumes()) {
            return Optional.empty();
        }
        ArtifactCache artifacts = plan.inputs().artifacts();
        // a snapshot past a fetch is only used when the store can give the fetched files back
        Predicate<LayerCache.Hit> usable = h -> artifacts.usable(h.artifacts());
        List<String> keys = plan.resumableKeys();
        Optional<LayerCache.Hit> hit = cache.deepest(keys, usable);
        int local = hit.map(LayerCache.Hit::index).orElse(-1);
        for (int i = keys.size() - 1; i > local && !request.registryCache().from().isEmpty(); i--) {
            Optional<String> imported = registries.importSnapshot(keys.get(i));
            if (imported.isPresent()) {
                cache.forgetListing();
                Optional<LayerCache.Hit> deeper = cache.deepest(keys, usable).filter(h -> h.index() > local);
                if (deeper.isPresent()) {
                    PlanStep step = plan.steps().get(deeper.get().index());
                    reporter.log("cache: imported the snapshot after " + (step.taskNames().isEmpty() ? "handlers"
                            : "'" + String.join("', '", step.taskNames()) + "'") + " from " + imported.get());
                    hit = deeper;
                    break;
                }
            }
        }
        hit.ifPresent(h -> restoreArtifacts(artifacts, h.artifacts()));
        return hit;
    }

    /** Puts back what cached steps fetched; the build fails when the artifact folder cannot take them. */
    private void restoreArtifacts(ArtifactCache artifacts, String label) {
        try {
            artifacts.restore(label);
        } catch (ModuleException e) {
            throw new Stop(reporter.failed(BuildFailure.Reason.INVALID_SPEC, e.getMessage()));
        }
    }

    /** Starts the working container on the snapshot (or the base) and removes it as soon as the build is canceled. */
    private void startContainer(BuildPlan plan, Optional<LayerCache.Hit> hit, ScheduledExecutorService timer) {
        try {
            container.start(hit.map(LayerCache.Hit::imageId).orElse(plan.base().id()), plan.base().settings());
        } catch (RuntimeException e) {
            throw new Stop(reporter.failed(BuildFailure.Reason.HOST_UNAVAILABLE, "could not start the build container: "
                    + RuntimeMessages.of(e)));
        }
        timer.scheduleWithFixedDelay(() -> container.removeIfCanceled(cancellation), 200, 200, TimeUnit.MILLISECONDS);
        reporter.listener().phase(BuildPhase.RUNNING);
    }

    /** Runs the rest of the playbook, snapshotting as it goes; a failed task leaves the {@code -failed} image. */
    private void runEngine(BuildPlan plan, int resumeFrom, HostState state, Snapshots snapshots) {
        SwitchableConnection connection = container.connection();
        BuildInputs inputs = plan.inputs();
        RunResult result;
        try {
            result = new Engine(setup.modules(), setup.passwords().get()).run(inputs.playbook(), new RunContext(
                    connection, inputs.files(), extraVars(), hostname(inputs.playbook()), reporter, reporter.redactor(),
                    request.tagSelection(), resumeFrom, state, snapshots, cancellation::isCanceled,
                    request.serviceState(), inputs.folder().map(ArtifactFolder.class::cast), controller()));
        } catch (PlaybookException e) {
            // a play's vars_files are read when the play starts: a missing one is the playbook's fault
            reporter.listener().execs(connection.execCount());
            throw new Stop(reporter.failed(BuildFailure.Reason.INVALID_SPEC, e.detail(), e.location(), e.task()));
        } catch (ConnectionException | HostUnavailableException e) {
            reporter.listener().execs(connection.execCount());
            if (cancellation.isCanceled()) {
                throw new Stop(reporter.canceled(cancellation, request.timeout()));
            }
            throw new Stop(reporter.failed(BuildFailure.Reason.HOST_UNAVAILABLE, "lost the build container: "
                    + RuntimeMessages.of(e)));
        }
        reporter.listener().execs(connection.execCount());
        if (result instanceof RunResult.Canceled || cancellation.isCanceled()) {
            throw new Stop(reporter.canceled(cancellation, request.timeout()));
        }
        if (result instanceof RunResult.Failed failure) {
            if (!container.isRunning()) {
                // an exec in a container killed from outside fails like a task (exit 137): the host's fault
                throw new Stop(reporter.failed(BuildFailure.Reason.HOST_UNAVAILABLE, "the build container was removed"
                        + " or stopped from outside the build while task '" + failure.task() + "' ran"));
            }
            if (debugImageWithheld()) {
                throw new Stop(reporter.playbookFailed(failure, Optional.empty(), DEBUG_IMAGE_WITHHELD));
            }
            Optional<String> kept = setup.tenancy().debugImages() == TenancyPolicy.DebugImages.NEVER ? Optional.empty()
                    : container.keepForDebugging(plan.base().settings(), request.tags().get(0));
            if (setup.tenancy().pushDebugImages() && request.push()) {
                kept = kept.map(local -> registries.pushDebugImage(local).orElse(local));
            }
            throw new Stop(reporter.playbookFailed(failure, kept, ""));
        }
    }

    /**
     * Whether the policy forbids a debug image of this build because it was given secret vars. Any secret var
     * counts, used or not: one can reach the disk through other vars, facts or templates that no reading of the
     * task text sees.
     */
    private boolean debugImageWithheld() {
        return setup.tenancy().debugImages() == TenancyPolicy.DebugImages.WITHOUT_SECRETS
                && !request.secretVars().isEmpty();
    }

    /** Takes the last snapshot and commits the image with its configuration and keys. */
    private String commitImage(BuildPlan plan, Snapshots snapshots) {
        reporter.listener().phase(BuildPhase.COMMITTING);
        long start = System.nanoTime();
        reporter.listener().stageStarted(StageReport.Kind.COMMIT, "");
        Map<String, String> labels = new LinkedHashMap<>(plan.settings().labels());
        // an image built with a URL's body is not the image of its key: the next build runs the lookup again
        if (snapshots.imageReusable()) {
            labels.put(Labels.IMAGE_KEY, plan.imageKey());
        }
        ArtifactCache artifacts = plan.inputs().artifacts();
        if (artifacts.holdsFiles()) {
            // a finished image is reused only with its fetched files, which are not kept when they may hold a secret
            labels.put(Labels.ARTIFACTS, snapshots.secretTouched() ? ArtifactCache.UNAVAILABLE
                    : artifacts.label().orElse(ArtifactCache.UNAVAILABLE));
        }
        String image = snapshots.finish(plan.settings().withLabels(labels));
        reporter.listener().stageFinished(new StageReport(StageReport.Kind.COMMIT, image,
                (System.nanoTime() - start) / 1_000_000, setup.runtime().inspectImage(image)
                .map(info -> OptionalLong.of(info.size())).orElse(OptionalLong.empty()), Optional.empty()));
        return image;
    }

    /** What the controller lends the playbook: with no network in the build container, no HTTP from modules either. */
    private ControllerAccess controller() {
        return request.limits().network() == ContainerLimits.Network.NONE
                ? request.controller().withEgress(EgressPolicy.none(
                        "refused: the build container has no network (spec.network: None), so nor has the build"))
                : request.controller();
    }

    private Map<String, Object> extraVars() {
        Map<String, Object> vars = new LinkedHashMap<>(request.extraVars());
        vars.putAll(request.secretVars());
        return vars;
    }

    private static String hostname(Playbook playbook) {
        String hosts = playbook.plays().isEmpty() ? "all" : playbook.plays().get(0).hosts();
        return hosts.matches("[A-Za-z0-9_.-]+") && !hosts.equals("all") ? hosts : "localhost";
    }

    /** A stage's early end of the build, with the result to return; thrown only outside the engine run. */
    private static final class Stop extends RuntimeException {
        final transient BuildResult result;

        Stop(BuildResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }
}
