package dev.playbake.imagebuild;

import dev.playbake.connection.ConnectionException;
import dev.playbake.docker.DockerHost;
import dev.playbake.docker.DockerHostUnavailableException;
import dev.playbake.docker.ImageInfo;
import dev.playbake.docker.ImageSettings;
import dev.playbake.docker.RegistryException;
import dev.playbake.engine.Engine;
import dev.playbake.engine.EngineListener;
import dev.playbake.engine.HostState;
import dev.playbake.engine.ModuleSupport;
import dev.playbake.engine.PlanStep;
import dev.playbake.engine.RunContext;
import dev.playbake.engine.RunResult;
import dev.playbake.engine.StepObserver;
import dev.playbake.engine.TaskOutcome;
import dev.playbake.engine.TaskStatus;
import dev.playbake.engine.actions.ActionRegistry;
import dev.playbake.image.ImageReference;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.imagebuild.cache.ArtifactCache;
import dev.playbake.imagebuild.cache.ArtifactStore;
import dev.playbake.imagebuild.cache.BuildArtifacts;
import dev.playbake.imagebuild.cache.CacheKeys;
import dev.playbake.imagebuild.cache.Labels;
import dev.playbake.imagebuild.cache.LayerCache;
import dev.playbake.modules.ArtifactFolder;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.Location;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.SourceFiles;
import dev.playbake.playbook.TaskTree;
import dev.playbake.python.PyPaths;
import dev.playbake.secrets.Redactor;
import dev.playbake.template.PasswordStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The build pipeline of DESIGN.md §3 on one Docker host: resolve the base image, find the deepest
 * snapshot, run the rest of the playbook in a working container (snapshotting as it goes), commit
 * the image with its configuration, tag, push, and always remove the container.
 */
public final class ImageBuilder implements Builder {

    /** Squash before this many layers: overlay2 stops at about 125, and a base image brings its own. */
    static final int LAYER_LIMIT = 100;

    private final int layerLimit;

    /** What one snapshot is assumed to cost until one has been measured (DESIGN.md §3: about 0.1 s here). */
    private static final long DEFAULT_SNAPSHOT_NANOS = 150_000_000L;

    private final DockerHost docker;
    private final ModuleRegistry modules;
    private final byte[] secretKey;
    private final Map<String, String> extraContainerLabels;
    private final Supplier<PasswordStore> passwords;
    private final Optional<ArtifactStore> artifactStore;

    /**
     * @param docker               the Docker host builds run on
     * @param secretKey            key for the keyed hash of secret vars in cache keys
     * @param extraContainerLabels labels added to every working container (the CLI's process label)
     */
    public ImageBuilder(DockerHost docker, byte[] secretKey, Map<String, String> extraContainerLabels) {
        this(docker, secretKey, extraContainerLabels, LAYER_LIMIT, PasswordStore::inMemory, Optional.empty());
    }

    /**
     * With the store lookup('password') keeps its passwords in (the CLI's build context); otherwise
     * each build has its own, in memory.
     */
    public ImageBuilder(DockerHost docker, byte[] secretKey, Map<String, String> extraContainerLabels,
                        PasswordStore passwords) {
        this(docker, secretKey, extraContainerLabels, LAYER_LIMIT, () -> passwords, Optional.empty());
    }

    /**
     * With the store that keeps copies of fetched files (the CLI's), so builds resume past fetch
     * tasks; without one, the cache is not used past a step that fetched.
     */
    public ImageBuilder(DockerHost docker, byte[] secretKey, Map<String, String> extraContainerLabels,
                        PasswordStore passwords, ArtifactStore artifacts) {
        this(docker, secretKey, extraContainerLabels, LAYER_LIMIT, () -> passwords, Optional.of(artifacts));
    }

    /** With another layer limit, so tests can reach it without a hundred builds. */
    ImageBuilder(DockerHost docker, byte[] secretKey, Map<String, String> extraContainerLabels, int layerLimit) {
        this(docker, secretKey, extraContainerLabels, layerLimit, PasswordStore::inMemory, Optional.empty());
    }

    private ImageBuilder(DockerHost docker, byte[] secretKey, Map<String, String> extraContainerLabels, int layerLimit,
                         Supplier<PasswordStore> passwords, Optional<ArtifactStore> artifactStore) {
        this.passwords = passwords;
        this.artifactStore = artifactStore;
        this.layerLimit = layerLimit;
        this.docker = docker;
        this.modules = ModuleRegistry.standard();
        this.secretKey = secretKey.clone();
        this.extraContainerLabels = Map.copyOf(extraContainerLabels);
    }

    @Override
    public BuildResult build(BuildRequest request, BuildListener listener, CancellationSignal cancellation) {
        Redactor redactor = new Redactor(request.secretVars().values());
        BuildLog log = new BuildLog();
        Reporter reporter = new Reporter(listener, redactor, log);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "playbake-build-timer-" + request.buildId());
            thread.setDaemon(true);
            return thread;
        });
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        if (!request.timeout().isZero()) {
            timer.schedule(() -> cancellation.cancel("timeout"), request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        Run run = new Run(request, reporter, cancellation, redactor, log);
        try {
            return run.build(timer);
        } finally {
            timer.shutdown();  // not shutdownNow: interrupting a removal in flight would leave the container
            run.removeContainer();
        }
    }

    /** Forwards engine events to the build listener, keeping reports and the log tail. */
    private static final class Reporter implements EngineListener {
        final BuildListener listener;
        final Redactor redactor;
        final BuildLog log;
        final List<TaskReport> tasks = new ArrayList<>();
        int cacheHits;

        Reporter(BuildListener listener, Redactor redactor, BuildLog log) {
            this.listener = listener;
            this.redactor = redactor;
            this.log = log;
        }

        @Override
        public void taskStarted(String name, Location location) {
            listener.taskStarted(tasks.size(), redactor.redact(name));
        }

        @Override
        public void taskFinished(TaskOutcome outcome) {
            TaskReport.Status status = switch (outcome.status()) {
                case OK -> TaskReport.Status.OK;
                case CHANGED -> TaskReport.Status.CHANGED;
                case SKIPPED -> TaskReport.Status.SKIPPED;
                case FAILED -> TaskReport.Status.FAILED;
            };
            TaskReport report = new TaskReport(tasks.size(), redactor.redact(outcome.name()), status,
                    outcome.duration().toMillis());
            tasks.add(report);
            log.add(status.label() + ": " + report.name() + (outcome.status() == TaskStatus.FAILED
                    ? " — " + redactor.redact(outcome.message()) : ""));
            listener.taskFinished(report);
        }

        @Override
        public void taskCached(String name, Location location) {
            TaskReport report = new TaskReport(tasks.size(), redactor.redact(name), TaskReport.Status.CACHED, 0);
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
    }

    /** One build's mutable state. */
    private final class Run {
        final BuildRequest request;
        final Reporter reporter;
        final CancellationSignal cancellation;
        final Redactor redactor;
        final BuildLog log;
        volatile String containerId;

        Run(BuildRequest request, Reporter reporter, CancellationSignal cancellation, Redactor redactor, BuildLog log) {
            this.request = request;
            this.reporter = reporter;
            this.cancellation = cancellation;
            this.redactor = redactor;
            this.log = log;
        }

        BuildResult build(ScheduledExecutorService timer) {
            BuildListener listener = reporter.listener;
            listener.phase(BuildPhase.PROVISIONING);
            SourceFiles files = new SourceFiles(request.playbook().files());
            Optional<BuildArtifacts> folder = request.artifacts().map(BuildArtifacts::new);
            ArtifactCache artifacts = new ArtifactCache(folder, artifactStore);
            Playbook playbook;
            try {
                playbook = PlaybookParser.parse(request.playbook().fileName(), request.playbook().content(), files,
                        ActionRegistry.standard().scalarArgumentActions());
                ModuleSupport.check(playbook, modules, folder.isPresent());
            } catch (PlaybookException e) {
                return failed(BuildFailure.Reason.INVALID_SPEC, e.detail(), e.location(), "");
            }
            if (request.tags().isEmpty()) {
                return failed(BuildFailure.Reason.INVALID_SPEC, "the build has no output image: give a tag",
                        Location.UNKNOWN, "");
            }
            ImageInfo base;
            try {
                base = resolveBase();
            } catch (RegistryException e) {
                return failed(e.kind() == RegistryException.Kind.TRANSIENT ? BuildFailure.Reason.PULL_FAILED
                        : BuildFailure.Reason.INVALID_SPEC, e.getMessage(), Location.UNKNOWN, "");
            } catch (DockerHostUnavailableException e) {
                return failed(BuildFailure.Reason.HOST_UNAVAILABLE, e.getMessage(), Location.UNKNOWN, "");
            }
            List<PlanStep> plan = PlanStep.plan(playbook.plays());
            listener.planned(plan.stream().mapToInt(s -> s.taskNames().size()).sum());
            ImageSettings settings = finalSettings(base, request, extraContainerLabels.keySet());
            boolean cached = request.cache() == BuildRequest.CacheMode.ENABLED;
            List<String> keys = CacheKeys.steps(CacheKeys.root(base.id(), playbook, files, request, request.tagSelection(),
                    secretKey), plan, playbook, files);
            String imageKey = CacheKeys.image(keys.isEmpty() ? base.id() : keys.get(keys.size() - 1), settings,
                    request.tags());
            LayerCache cache = new LayerCache(docker);
            // a step tagged no-cache, and every step after it, always runs
            int firstUncacheable = firstNoCacheStep(plan);
            if (cached && firstUncacheable == plan.size()) {
                Optional<LayerCache.Finished> finished = cache.finished(imageKey)
                        .filter(image -> artifacts.usable(image.artifacts()));
                if (finished.isPresent()) {
                    Optional<BuildResult> broken = restore(artifacts, finished.get().artifacts());
                    if (broken.isPresent()) {
                        return broken.get();
                    }
                    listener.execs(0);
                    plan.forEach(step -> step.taskNames().forEach(name -> reporter.taskCached(name, Location.UNKNOWN)));
                    return finish(finished.get().imageId(), listener);
                }
            }
            // a snapshot past a fetch is only used when the store can give the fetched files back
            Optional<LayerCache.Hit> hit = cached ? cache.deepest(keys.subList(0, firstUncacheable),
                    h -> artifacts.usable(h.artifacts())) : Optional.empty();
            if (hit.isPresent()) {
                Optional<BuildResult> broken = restore(artifacts, hit.get().artifacts());
                if (broken.isPresent()) {
                    return broken.get();
                }
            }
            HostState state = hit.map(h -> HostState.restore(h.state())).orElseGet(HostState::new);
            int resumeFrom = hit.map(h -> h.index() + 1).orElse(0);
            try {
                containerId = docker.startContainer(hit.map(LayerCache.Hit::imageId).orElse(base.id()), containerLabels(),
                        base.settings());
            } catch (RuntimeException e) {
                return failed(BuildFailure.Reason.HOST_UNAVAILABLE, "could not start the build container: "
                        + DockerHostMessages.of(e), Location.UNKNOWN, "");
            }
            timer.scheduleWithFixedDelay(this::killIfCanceled, 200, 200, TimeUnit.MILLISECONDS);
            listener.phase(BuildPhase.RUNNING);
            SwitchableConnection connection = new SwitchableConnection(docker.connection(containerId));
            Snapshots snapshots = new Snapshots(cache, keys, base.settings(), playbook, plan, state, cached, connection,
                    artifacts);
            RunResult result;
            try {
                result = new Engine(modules, passwords.get()).run(playbook, new RunContext(connection, files,
                        extraVars(), hostname(playbook), reporter, redactor, request.tagSelection(), resumeFrom, state,
                        snapshots, cancellation::isCanceled, request.ignoreServiceState(),
                        folder.map(ArtifactFolder.class::cast)));
            } catch (ConnectionException | DockerHostUnavailableException e) {
                listener.execs(connection.execCount());
                if (cancellation.isCanceled()) {
                    return canceled();
                }
                return failed(BuildFailure.Reason.HOST_UNAVAILABLE, "lost the build container: "
                        + DockerHostMessages.of(e), Location.UNKNOWN, "");
            }
            listener.execs(connection.execCount());
            if (result instanceof RunResult.Canceled || cancellation.isCanceled()) {
                return canceled();
            }
            if (result instanceof RunResult.Failed failure) {
                Optional<String> debug = debugImage(base.settings());
                return new BuildResult.Failed(new BuildFailure(BuildFailure.Reason.PLAYBOOK_FAILED,
                        "task '" + failure.task() + "' failed: " + failure.message(),
                        Optional.of(failure.location().file()), failure.location().line(), Optional.of(failure.task()),
                        log.tail(), debug), List.copyOf(reporter.tasks));
            }
            listener.phase(BuildPhase.COMMITTING);
            snapshots.afterLastStep();
            Map<String, String> finalLabels = new LinkedHashMap<>(settings.labels());
            finalLabels.put(Labels.IMAGE_KEY, imageKey);
            if (artifacts.holdsFiles()) {
                // a finished image is reused only with its fetched files, which are not kept when the build
                // makes no cache or when they may hold a secret
                finalLabels.put(Labels.ARTIFACTS, !cached || snapshots.secretTouched ? ArtifactCache.UNAVAILABLE
                        : artifacts.label().orElse(ArtifactCache.UNAVAILABLE));
            }
            String imageId = docker.commit(containerId, new ImageSettings(settings.entrypoint(), settings.cmd(),
                    settings.env(), settings.workingDir(), settings.user(), settings.exposedPorts(), settings.volumes(),
                    finalLabels));
            return finish(imageId, listener);
        }

        /** Puts back what cached steps fetched; a failed build when the artifact folder cannot take them. */
        private Optional<BuildResult> restore(ArtifactCache artifacts, String label) {
            try {
                artifacts.restore(label);
                return Optional.empty();
            } catch (ModuleException e) {
                return Optional.of(failed(BuildFailure.Reason.INVALID_SPEC, e.getMessage(), Location.UNKNOWN, ""));
            }
        }

        private Map<String, String> containerLabels() {
            Map<String, String> labels = new LinkedHashMap<>(extraContainerLabels);
            labels.put(Labels.BUILD, request.buildId());
            labels.put(Labels.OWNER, request.owner());
            return labels;
        }

        /**
         * Squashes the working container into a one-layer image and moves the build onto a new
         * container from it, so long builds stay under overlay2's layer limit.
         */
        private void squash(SwitchableConnection connection, ImageSettings base) {
            String name = "playbake-squash/" + LayerCache.repositoryName(request.buildId()) + ":latest";
            String flat = docker.flatten(containerId, name);
            String old = containerId;
            containerId = docker.startContainer(flat, containerLabels(), base);
            connection.switchTo(docker.connection(containerId));
            docker.removeContainer(old);
            reporter.log("squashed the build into one layer to stay under the layer limit");
        }

        /** Tags the image and pushes it when asked. */
        private BuildResult finish(String imageId, BuildListener listener) {
            for (String tag : request.tags()) {
                docker.tag(imageId, tag);
            }
            Optional<String> digest = Optional.empty();
            if (request.push()) {
                listener.phase(BuildPhase.PUSHING);
                try {
                    for (String tag : request.tags()) {
                        String pushed = Retry.transientRegistry(() -> docker.push(tag, credentials(tag)), cancellation);
                        listener.pushed(tag, pushed);
                        digest = digest.or(() -> Optional.of(pushed));
                    }
                } catch (RegistryException e) {
                    return failed(e.kind() == RegistryException.Kind.UNAUTHORIZED ? BuildFailure.Reason.PUSH_UNAUTHORIZED
                            : BuildFailure.Reason.PUSH_FAILED, e.getMessage(), Location.UNKNOWN, "");
                }
            }
            long size = docker.inspectImage(imageId).map(ImageInfo::size).orElse(0L);
            return new BuildResult.Succeeded(imageId, digest, request.tags(), size, reporter.cacheHits,
                    List.copyOf(reporter.tasks));
        }

        private ImageInfo resolveBase() {
            Optional<ImageInfo> local = docker.inspectImage(request.baseImage());
            if (local.isPresent()) {
                return local.get();
            }
            ImageReference.parse(request.baseImage());
            docker.pull(request.baseImage(), credentials(request.baseImage()));
            return docker.inspectImage(request.baseImage()).orElseThrow(() -> new RegistryException(
                    RegistryException.Kind.NOT_FOUND, "pulled " + request.baseImage() + " but the daemon does not have it"));
        }

        private Optional<RegistryCredentials> credentials(String reference) {
            String registry = ImageReference.parse(reference).registryHost().orElse("docker.io");
            return Optional.ofNullable(request.credentials().get(registry));
        }

        private Map<String, Object> extraVars() {
            Map<String, Object> vars = new LinkedHashMap<>(request.extraVars());
            vars.putAll(request.secretVars());
            return vars;
        }

        private String hostname(Playbook playbook) {
            String hosts = playbook.plays().isEmpty() ? "all" : playbook.plays().get(0).hosts();
            return hosts.matches("[A-Za-z0-9_.-]+") && !hosts.equals("all") ? hosts : "localhost";
        }

        private Optional<String> debugImage(ImageSettings base) {
            try {
                String imageId = docker.commit(containerId, base);
                String primary = request.tags().get(0);
                ImageReference ref = ImageReference.parse(primary);
                String debugTag = ref.repository() + ":" + (ref.tagOrLatest().isEmpty() ? "latest" : ref.tagOrLatest())
                        + "-failed";
                docker.tag(imageId, debugTag);
                return Optional.of(debugTag);
            } catch (RuntimeException e) {
                reporter.log("could not keep the failed container as a debug image: " + DockerHostMessages.of(e));
                return Optional.empty();
            }
        }

        private void killIfCanceled() {
            String id = containerId;
            if (cancellation.isCanceled() && id != null) {
                removeContainer();
            }
        }

        synchronized void removeContainer() {
            String id = containerId;
            if (id == null) {
                return;
            }
            try {
                docker.removeContainer(id);
                containerId = null;
            } catch (RuntimeException e) {
                reporter.log("could not remove build container " + id.substring(0, 12) + ": " + DockerHostMessages.of(e));
            }
        }

        private BuildResult canceled() {
            String reason = cancellation.reason().orElse("canceled");
            if (reason.equals("timeout")) {
                return new BuildResult.Failed(new BuildFailure(BuildFailure.Reason.TIMEOUT, "the build took longer "
                        + "than its timeout of " + request.timeout(), Optional.empty(), 0, Optional.empty(), log.tail(),
                        Optional.empty()), List.copyOf(reporter.tasks));
            }
            return new BuildResult.Canceled(reason, List.copyOf(reporter.tasks));
        }

        private BuildResult failed(BuildFailure.Reason reason, String message, Location location, String task) {
            return new BuildResult.Failed(new BuildFailure(reason, redactor.redact(message),
                    location.file().isEmpty() ? Optional.empty() : Optional.of(location.file()), location.line(),
                    task.isEmpty() ? Optional.empty() : Optional.of(task), log.tail(), Optional.empty()),
                    List.copyOf(reporter.tasks));
        }

        /** Commits snapshots as the policy asks (DESIGN.md §3). */
        private final class Snapshots implements StepObserver {
            final LayerCache cache;
            final List<String> keys;
            final ImageSettings base;
            final Playbook playbook;
            final List<PlanStep> plan;
            final HostState state;
            final boolean enabled;
            final SwitchableConnection connection;
            final ArtifactCache artifacts;
            long workSinceSnapshot;
            long lastStepEnd = System.nanoTime();
            long snapshotCost = DEFAULT_SNAPSHOT_NANOS;
            PlanStep lastUnsnapshotted;
            boolean secretTouched;

            Snapshots(LayerCache cache, List<String> keys, ImageSettings base, Playbook playbook, List<PlanStep> plan,
                      HostState state, boolean enabled, SwitchableConnection connection, ArtifactCache artifacts) {
                this.artifacts = artifacts;
                this.playbook = playbook;
                this.connection = connection;
                this.cache = cache;
                this.keys = keys;
                this.base = base;
                this.plan = plan;
                this.state = state;
                this.enabled = enabled;
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
                boolean due = request.snapshots() == BuildRequest.SnapshotPolicy.EVERY_CHANGE
                        ? work : lastUnsnapshotted != null && workSinceSnapshot > snapshotCost;
                if (enabled && due && lastUnsnapshotted != null) {
                    take(step);
                }
            }

            void afterLastStep() {
                if (enabled && !plan.isEmpty() && lastUnsnapshotted != null) {
                    take(plan.get(plan.size() - 1));
                }
            }

            private boolean usesSecret(PlanStep step) {
                if (request.secretVars().isEmpty()) {
                    return false;
                }
                String definition = step.step().map(CacheKeys::canonical)
                        .orElseGet(() -> CacheKeys.canonical(playbook.plays().get(step.play()).handlers()));
                return request.secretVars().keySet().stream().anyMatch(name ->
                        java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(name) + "\\b")
                                .matcher(definition).find());
            }

            private void take(PlanStep step) {
                if (!state.resumable() || secretTouched) {
                    return;
                }
                Map<String, Object> exported = state.export();
                if (redactor.containsSecret(LayerCache.json(exported))) {
                    return;  // a secret reached a registered variable: such state is never stored
                }
                Optional<String> fetched = artifacts.label();
                if (fetched.isEmpty()) {
                    return;  // the files fetched so far cannot be kept: a resume from here could not give them back
                }
                long start = System.nanoTime();
                String description = (step.index() + 1) + "/" + plan.size() + " "
                        + String.join(", ", step.taskNames().isEmpty() ? List.of("handlers") : step.taskNames());
                String name = ImageReference.parse(request.tags().get(0)).repository();
                String image = cache.snapshot(containerId, keys.get(step.index()), exported, fetched.get(),
                        redactor.redact(description),
                        request.buildId(), PyPaths.basename(name), base);
                snapshotCost = System.nanoTime() - start;
                if (docker.layerCount(image) >= layerLimit) {
                    squash(connection, base);
                }
                workSinceSnapshot = 0;
                lastUnsnapshotted = null;
                lastStepEnd = System.nanoTime();
                reporter.listener.snapshot(step.index(), image);
            }
        }
    }

    /** Index of the first plan step holding a task tagged {@code no-cache}; the plan's size when none is. */
    static int firstNoCacheStep(List<PlanStep> plan) {
        for (PlanStep step : plan) {
            if (step.step().isPresent() && tagged(step.step().get())) {
                return step.index();
            }
        }
        return plan.size();
    }

    /** Whether the step or anything in it is tagged no-cache (tags add up inwards, so one tag is enough). */
    private static boolean tagged(dev.playbake.playbook.Step step) {
        return TaskTree.steps(step, TaskTree.Sections.ALL).anyMatch(s -> s.options().tags().contains("no-cache"));
    }

    /** The result's configuration: the base image's, overridden by the request, plus provenance labels. */
    static ImageSettings finalSettings(ImageInfo base, BuildRequest request, java.util.Set<String> containerLabels) {
        ImageSettings from = base.settings();
        ImageConfig config = request.config();
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : from.env()) {
            int eq = entry.indexOf('=');
            env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        env.putAll(config.env());
        List<String> envList = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        Map<String, String> labels = new LinkedHashMap<>(from.labels());
        labels.keySet().removeIf(k -> k.startsWith("playbake.dev/"));
        labels.putAll(request.labels());
        labels.put(Labels.PLAYBOOK_SHA, CacheKeys.sha256(request.playbook().contentBytes()));
        labels.put(Labels.BASE_IMAGE, base.id());
        // container-only labels are blanked: a commit merges the container's labels into the image's
        for (String key : List.of(Labels.CACHE_KEY, Labels.STATE, Labels.STEP, Labels.BUILD, Labels.OWNER, Labels.PROCESS,
                Labels.ARTIFACTS)) {
            labels.put(key, "");
        }
        containerLabels.forEach(key -> labels.put(key, ""));
        List<String> ports = new ArrayList<>(from.exposedPorts());
        config.exposedPorts().stream().filter(p -> !ports.contains(p)).forEach(ports::add);
        List<String> volumes = new ArrayList<>(from.volumes());
        config.volumes().stream().filter(v -> !volumes.contains(v)).forEach(volumes::add);
        boolean entrypointSet = !config.entrypoint().isEmpty();
        return new ImageSettings(
                entrypointSet ? config.entrypoint() : from.entrypoint(),
                !config.cmd().isEmpty() ? config.cmd() : entrypointSet ? List.of() : from.cmd(),
                envList,
                config.workingDir().orElse(from.workingDir()),
                config.user().orElse(from.user()),
                ports, volumes, labels);
    }
}
