package dev.playbake.operator.reconcile;

import dev.playbake.api.BuildContainerPolicy;
import dev.playbake.api.BuildRequests;
import dev.playbake.api.Durations;
import dev.playbake.api.InvalidSpecException;
import dev.playbake.api.ResolvedInputs;
import dev.playbake.api.SpecProblem;
import dev.playbake.api.v1alpha1.BuildState;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.image.ImageReference;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.imagebuild.BuildFailure;
import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.imagebuild.BuildResult;
import dev.playbake.operator.InputsHash;
import dev.playbake.secrets.Redactor;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Level-based reconciler of ImageBuilds. It compares the inputs hash of the spec with the build it tracks (or,
 * after a restart, with status.inputs.hash), starts, cancels or retries builds on the {@link BuildScheduler}
 * without waiting for them, and is the only writer of status: build threads only trigger a reconcile, and so does
 * the {@link BaseImageWatch}, whose lookups decide a rebuild here ({@link BaseImageUpdate}).
 */
@ControllerConfiguration(name = ImageBuildReconciler.NAME)
public class ImageBuildReconciler implements Reconciler<ImageBuild>, Cleaner<ImageBuild> {

    public static final String NAME = "imagebuild";
    /**
     * How often a spec that refers to a missing Secret or ConfigMap is looked at again; one of its own namespace
     * reconciles it when it appears, but the operator's default push secret is not watched.
     */
    static final Duration RECHECK_MISSING = Duration.ofSeconds(30);
    /**
     * When a reconcile that found the lease not held (a failed read of the Lease looks the same) is tried again; a
     * replica that really lost it exits before then.
     */
    static final Duration RECHECK_LEASE = Duration.ofSeconds(2);
    /** Least time between two status patches of a running build that only moved on by tasks. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(ImageBuildReconciler.class);

    private final InputsSource inputs;
    private final BuildScheduler scheduler;
    private final ContainerCleaner cleaner;
    private final BuildEvents events;
    private final BuildMetrics metrics;
    private final Clock clock;
    private final StatusComposer composer;
    private final BuildTrigger trigger;
    private final BuildContainerPolicy containerPolicy;
    private final Leadership leadership;
    private final BaseImagePolling polling;
    private final BaseImageWatch watch;
    private final BuildLogKeeper logs;
    private final Map<String, TrackedBuild> builds = new ConcurrentHashMap<>();
    private final Map<String, Instant> progressPatched = new ConcurrentHashMap<>();
    /** The newest build of each ImageBuild by owner, as status names it: a rebuild resumes from its snapshots. */
    private final Map<String, String> newestBuilds = new ConcurrentHashMap<>();
    /** Builds whose full status the API server refused to store: they get the minimal status from then on. */
    private final Set<String> refusedStatus = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /** The only process of its deployment (no leader election), keeping no build logs. */
    public ImageBuildReconciler(InputsSource inputs, BuildScheduler scheduler, ContainerCleaner cleaner,
                                BuildEvents events, BuildMetrics metrics, Clock clock,
                                BuildContainerPolicy containerPolicy, BaseImagePolling polling, BaseImageWatch watch) {
        this(inputs, scheduler, cleaner, events, metrics, clock, containerPolicy, Leadership.SOLE, polling, watch);
    }

    /** Keeping no build logs. */
    public ImageBuildReconciler(InputsSource inputs, BuildScheduler scheduler, ContainerCleaner cleaner,
                                BuildEvents events, BuildMetrics metrics, Clock clock,
                                BuildContainerPolicy containerPolicy, Leadership leadership,
                                BaseImagePolling polling, BaseImageWatch watch) {
        this(inputs, scheduler, cleaner, events, metrics, clock, containerPolicy, leadership, polling, watch,
                BuildLogKeeper.none());
    }

    /**
     * @param leadership fences every write: status, events and container removal happen only while it is held
     * @param polling    how often a spec may have its base image looked up
     * @param watch      looks base images up for the specs that ask; whoever made it closes it
     * @param logs       keeps each build's log; its {@code keep} is also how many builds status.history lists
     */
    public ImageBuildReconciler(InputsSource inputs, BuildScheduler scheduler, ContainerCleaner cleaner,
                                BuildEvents events, BuildMetrics metrics, Clock clock,
                                BuildContainerPolicy containerPolicy, Leadership leadership,
                                BaseImagePolling polling, BaseImageWatch watch, BuildLogKeeper logs) {
        this.inputs = inputs;
        this.polling = polling;
        this.watch = watch;
        this.logs = logs;
        this.scheduler = scheduler;
        this.cleaner = cleaner;
        this.leadership = leadership;
        this.events = (target, warning, reason, message) -> {
            if (leadership.held()) {
                events.record(target, warning, reason, message);
            }
        };
        this.metrics = metrics;
        this.clock = clock;
        this.composer = new StatusComposer(clock, this::retryDelay, logs.keep());
        this.trigger = new BuildTrigger(this::removeLeftovers);
        this.containerPolicy = containerPolicy;
    }

    /** Build threads' triggers, and the ConfigMaps and Secrets ImageBuilds name ({@link InputsEventSources}). */
    @Override
    public List<EventSource<?, ImageBuild>> prepareEventSources(EventSourceContext<ImageBuild> context) {
        List<EventSource<?, ImageBuild>> sources = new ArrayList<>(InputsEventSources.create(context));
        sources.add(trigger);
        return sources;
    }

    /**
     * Runs {@link #reconcile(ImageBuild, List)} and writes the status it asks for itself, as a patch of what
     * changed ({@link StatusPatch}); JOSDK would send the whole status on every progress write.
     */
    @Override
    public UpdateControl<ImageBuild> reconcile(ImageBuild resource, Context<ImageBuild> context) {
        if (!leadership.held()) {
            // a replica that lost the lease (and is on its way out) must not start, cancel or clean up anything
            return UpdateControl.<ImageBuild>noUpdate().rescheduleAfter(RECHECK_LEASE);
        }
        Optional<ImageBuildStatus> before = Optional.ofNullable(resource.getStatus())
                .map(s -> Json.copy(s, ImageBuildStatus.class));
        UpdateControl<ImageBuild> control = reconcile(resource, context.getPrimaryCache().list().toList());
        if (!control.isPatchStatus()) {
            return control;
        }
        if (!leadership.held()) {
            LOG.infof("%s: not writing its status, this replica no longer holds the leader lease", resource.owner());
            return UpdateControl.<ImageBuild>noUpdate().rescheduleAfter(RECHECK_LEASE);
        }
        writeStatus(resource, before, resource.getStatus(), context);
        UpdateControl<ImageBuild> written = UpdateControl.noUpdate();
        control.getScheduleDelay().ifPresent(written::rescheduleAfter);
        return written;
    }

    /** Patches the status and hands the stored resource to JOSDK's cache, so the next reconcile reads it. */
    private static void writeStatus(ImageBuild resource, Optional<ImageBuildStatus> before, ImageBuildStatus desired,
                                    Context<ImageBuild> context) {
        StatusPatch.Written written = new StatusPatch(context.getClient()).write(resource, before, desired);
        context.eventSourceRetriever().getControllerEventSource()
                .handleRecentResourceUpdate(ResourceID.fromResource(written.stored()), written.stored(), written.basis());
    }

    /**
     * One reconcile; the status to patch (if it changed) and when to look again.
     *
     * @param all the ImageBuilds the operator watches, for the tags they push
     */
    UpdateControl<ImageBuild> reconcile(ImageBuild resource, List<ImageBuild> all) {
        String owner = resource.owner();
        long generation = Optional.ofNullable(resource.getMetadata().getGeneration()).orElse(0L);
        ImageBuildStatus current = resource.getStatus();
        Optional.ofNullable(current).map(s -> s.buildId).ifPresent(id -> newestBuilds.putIfAbsent(owner, id));
        Optional<TrackedBuild> tracked = Optional.ofNullable(builds.get(owner));

        if (resource.getSpec() != null && resource.getSpec().state == BuildState.CANCELED) {
            watch.forget(owner);
            return cancelOnRequest(resource, current, generation, tracked);
        }
        Resolution resolution = inputs.resolve(resource);
        if (resolution instanceof Resolution.Missing missing) {
            watch.forget(owner);
            tracked.ifPresent(b -> b.cancel(TrackedBuild.CANCELED_SPEC_CHANGED));
            return patch(resource, composer.blocked(current, generation, missing.reason(), missing.message()))
                    .rescheduleAfter(RECHECK_MISSING);
        }
        ResolvedInputs resolved = ((Resolution.Resolved) resolution).inputs();
        Redactor redactor = redactor(resolved);
        BuildRequest request;
        try {
            request = BuildRequests.from(resource, resolved, newBuildId(resource), owner, containerPolicy);
        } catch (InvalidSpecException e) {
            List<SpecProblem> problems = new ArrayList<>(e.problems());
            problems.addAll(polling.problems(resource.getSpec()));
            return invalidSpec(resource, current, generation, tracked, new InvalidSpecException(problems), redactor);
        }
        List<SpecProblem> pollProblems = polling.problems(resource.getSpec());
        if (!pollProblems.isEmpty()) {
            return invalidSpec(resource, current, generation, tracked, new InvalidSpecException(pollProblems), redactor);
        }
        Optional<TagClaims.Conflict> conflict = TagClaims.conflict(resource, request.tags(), all.stream());
        if (conflict.isPresent()) {
            watch.forget(owner);
            return tagConflict(resource, current, generation, tracked, conflict.get());
        }
        String hash = InputsHash.of(resource.getSpec(), request);
        long counter = Optional.ofNullable(current).map(s -> s.buildCounter).orElse(0L);
        watchBaseImage(resource, request);

        if (tracked.isPresent()) {
            return reconcileTracked(resource, current, generation, tracked.get().snapshot(), request, hash, redactor);
        }
        // Nothing runs here for this resource: a fresh resource, or an operator (re)start; status is the memory.
        if (current == null || current.inputs == null || !hash.equals(current.inputs.hash) || current.phase == null) {
            return start(resource, current, generation, request, hash, counter + 1, 1, redactor, after(current),
                    BuildReason.InputsChanged);
        }
        BuildReason reason = BuildReason.of(current.buildReason);
        if (current.phase == Phase.CANCELED) {
            return start(resource, current, generation, request, hash, counter + 1, 1, redactor, after(current), reason);
        }
        if (current.phase.isTerminal()) {
            Optional<BaseImageUpdate> update = BaseImageUpdate.of(request.baseImage(), lastBase(current),
                    watch.latest(owner));
            if (update.isPresent()) {
                return rebuildOnNewBase(resource, current, generation, request, hash, counter + 1, redactor,
                        after(current), update.get());
            }
            return patch(resource, composer.observed(current, generation));
        }
        int attempt = Optional.ofNullable(current.attempt).orElse(1);
        if (current.nextRetryTime != null) {
            Instant retryAt = Instant.parse(current.nextRetryTime);
            if (clock.instant().isBefore(retryAt)) {
                return UpdateControl.<ImageBuild>noUpdate().rescheduleAfter(Duration.between(clock.instant(), retryAt));
            }
            return start(resource, current, generation, request, hash, counter, attempt + 1, redactor, after(current),
                    reason);
        }
        int removed = cleaner.removeContainersOf(owner);
        LOG.infof("%s was building when the operator stopped; removed %d container(s), building again", owner, removed);
        return start(resource, current, generation, request, hash, counter, attempt, redactor, after(current), reason);
    }

    private UpdateControl<ImageBuild> invalidSpec(ImageBuild resource, ImageBuildStatus current, long generation,
                                                  Optional<TrackedBuild> tracked, InvalidSpecException e,
                                                  Redactor redactor) {
        watch.forget(resource.owner());
        tracked.ifPresent(b -> b.cancel(TrackedBuild.CANCELED_SPEC_CHANGED));
        return patch(resource, composer.blocked(current, generation, StatusReason.InvalidSpec,
                redactor.redact(e.getMessage())));
    }

    /**
     * Has the base image looked up at the spec's interval, with the ImageBuild's own credentials for its registry
     * (the ones its build pulls with, never another's or the operator's), or stops when the spec no longer asks.
     */
    private void watchBaseImage(ImageBuild resource, BuildRequest request) {
        Optional<Duration> interval = polling.interval(resource.getSpec());
        if (interval.isEmpty()) {
            watch.forget(resource.owner());
            return;
        }
        String registry = ImageReference.parse(request.baseImage()).registryHost().orElse("docker.io");
        BuildEvents.EventTarget target = target(resource);
        watch.watch(resource.owner(), new BaseImageWatch.Subject(request.baseImage(),
                Optional.ofNullable(request.credentials().get(registry)), interval.get()),
                (check, previous) -> checked(target, interval.get(), check, previous));
    }

    /**
     * A lookup ended: a digest means a reconcile (which decides whether it is new); a failure leaves the image as it
     * is, is logged, and is an event when the one before had not failed too.
     */
    private void checked(BuildEvents.EventTarget target, Duration interval, BaseImageCheck check,
                         Optional<BaseImageCheck> previous) {
        if (check instanceof BaseImageCheck.Failed failed) {
            String message = failed.message() + "; the image stays as built, the next look is in "
                    + Durations.format(interval);
            LOG.warnf("%s/%s: %s", target.namespace(), target.name(), message);
            if (previous.filter(BaseImageCheck.Failed.class::isInstance).isEmpty()) {
                events.record(target, true, "BaseImageCheckFailed", message);
            }
            return;
        }
        trigger.fire(target.namespace(), target.name());
    }

    /** What the last build started from, as status tells it after a restart. */
    private static BaseImageUpdate.LastBase lastBase(ImageBuildStatus status) {
        if (status.buildReason == null) {
            return new BaseImageUpdate.LastBase.Unrecorded();
        }
        return Optional.ofNullable(status.inputs.baseImageDigest).<BaseImageUpdate.LastBase>map(
                BaseImageUpdate.LastBase.Pulled::new).orElseGet(BaseImageUpdate.LastBase.NotPulled::new);
    }

    /** What the last build started from, as this process saw it. */
    private static BaseImageUpdate.LastBase lastBase(TrackedBuild.Snapshot build) {
        return build.baseImageDigest().<BaseImageUpdate.LastBase>map(BaseImageUpdate.LastBase.Pulled::new)
                .orElseGet(BaseImageUpdate.LastBase.NotPulled::new);
    }

    /** Builds the same inputs again on the base image's new digest, and says why in an event. */
    private UpdateControl<ImageBuild> rebuildOnNewBase(ImageBuild resource, ImageBuildStatus current, long generation,
                                                       BuildRequest request, String hash, long counter,
                                                       Redactor redactor, Placement placement, BaseImageUpdate update) {
        if (stopping) {
            // no event for a build that start would not start; the next operator sees the same digest
            return UpdateControl.noUpdate();
        }
        LOG.infof("%s: %s", resource.owner(), update.message());
        events.record(target(resource), false, BuildReason.BaseImageUpdated.name(), update.message());
        return start(resource, current, generation, request, hash, counter, 1, redactor, placement,
                BuildReason.BaseImageUpdated);
    }

    private static BuildEvents.EventTarget target(ImageBuild resource) {
        return new BuildEvents.EventTarget(resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
                resource.getMetadata().getUid());
    }

    private UpdateControl<ImageBuild> reconcileTracked(ImageBuild resource, ImageBuildStatus current, long generation,
                                                       TrackedBuild.Snapshot build, BuildRequest request,
                                                       String hash, Redactor redactor) {
        long counter = build.plan().counter();
        if (!build.isFinished()) {
            if (!build.plan().inputsHash().equals(hash)) {
                // the new build starts when this one has ended and removed its container
                builds.get(resource.owner()).cancel(TrackedBuild.CANCELED_SPEC_CHANGED);
            }
            return patchProgress(resource, composer.of(current, generation, build, redactor));
        }
        Placement next = after(build);
        if (!build.plan().inputsHash().equals(hash)) {
            return start(resource, current, generation, request, hash, counter + 1, 1, redactor, next,
                    BuildReason.InputsChanged);
        }
        BuildResult result = build.result().orElseThrow();
        if (build.canceled().map(TrackedBuild.CANCELED_SHUTDOWN::equals).orElse(false)) {
            return patch(resource, composer.of(current, generation, build, redactor));
        }
        if (result instanceof BuildResult.Canceled && !build.canceled().map(TrackedBuild.CANCELED_TIMEOUT::equals).orElse(false)) {
            // canceled by the user (who has now cleared spec.state) or superseded by a spec that changed back
            return start(resource, current, generation, request, hash, counter + 1, 1, redactor, next,
                    build.plan().reason());
        }
        if (result instanceof BuildResult.Failed failed && failed.failure().reason().isTransient()
                && build.plan().mayRetry()) {
            Instant retryAt = build.completionTime().orElseThrow().plus(retryDelay(build));
            if (!clock.instant().isBefore(retryAt)) {
                return start(resource, current, generation, request, hash, counter, build.plan().attempt() + 1, redactor,
                        next, build.plan().reason());
            }
            return patch(resource, composer.of(current, generation, build, redactor))
                    .rescheduleAfter(Duration.between(clock.instant(), retryAt));
        }
        Optional<BaseImageUpdate> update = BaseImageUpdate.of(request.baseImage(), lastBase(build),
                watch.latest(resource.owner()));
        if (update.isPresent()) {
            return rebuildOnNewBase(resource, current, generation, request, hash, counter + 1, redactor, next,
                    update.get());
        }
        return patch(resource, composer.of(current, generation, build, redactor));
    }

    /**
     * An older ImageBuild pushes one of this one's tags: pushing would overwrite its image under that tag, so
     * this one waits (a running build of it is canceled) and says which ImageBuild it yields to.
     */
    private UpdateControl<ImageBuild> tagConflict(ImageBuild resource, ImageBuildStatus current, long generation,
                                                  Optional<TrackedBuild> tracked, TagClaims.Conflict conflict) {
        tracked.ifPresent(b -> b.cancel(TrackedBuild.CANCELED_SPEC_CHANGED));
        boolean known = current != null && StatusComposer.find(current.conditions, StatusComposer.READY)
                .map(c -> StatusReason.TagConflict.name().equals(c.reason) && conflict.message().equals(c.message))
                .orElse(false);
        if (!known) {
            events.record(new BuildEvents.EventTarget(resource.getMetadata().getNamespace(),
                    resource.getMetadata().getName(), resource.getMetadata().getUid()), true,
                    StatusReason.TagConflict.name(), conflict.message());
        }
        return patch(resource, composer.blocked(current, generation, StatusReason.TagConflict, conflict.message()))
                .rescheduleAfter(RECHECK_MISSING);
    }

    private UpdateControl<ImageBuild> cancelOnRequest(ImageBuild resource, ImageBuildStatus current, long generation,
                                                      Optional<TrackedBuild> tracked) {
        if (tracked.isPresent() && !tracked.get().snapshot().isFinished()) {
            tracked.get().cancel(TrackedBuild.CANCELED_BY_USER);
            return patch(resource, composer.of(current, generation, tracked.get().snapshot(), Redactor.none()));
        }
        return patch(resource, composer.canceled(current, generation));
    }

    /** Where the next build of an ImageBuild goes after its last one: near that one's cache, unless its host was lost. */
    private static Placement after(TrackedBuild.Snapshot build) {
        return lostItsHost(build) ? Placement.awayFrom(build.host()) : Placement.near(build.host());
    }

    private static boolean lostItsHost(TrackedBuild.Snapshot build) {
        return build.result().filter(r -> r instanceof BuildResult.Failed failed
                && failed.failure().reason() == BuildFailure.Reason.HOST_UNAVAILABLE).isPresent();
    }

    /** The same from status, after an operator restart. */
    private static Placement after(ImageBuildStatus status) {
        if (status == null || status.buildHost == null) {
            return Placement.ANY;
        }
        boolean lost = status.failure != null && StatusReason.HostUnavailable.name().equals(status.failure.reason);
        return lost ? Placement.awayFrom(status.buildHost) : Placement.near(status.buildHost);
    }

    /**
     * How long a failed build waits for its retry: none when it lost its host and another is up (the build moves
     * there at once), the plan's backoff otherwise.
     */
    private Duration retryDelay(TrackedBuild.Snapshot build) {
        return lostItsHost(build) && scheduler.anotherHostUp(build.host()) ? Duration.ZERO : build.plan().retryDelay();
    }

    private UpdateControl<ImageBuild> start(ImageBuild resource, ImageBuildStatus current, long generation,
                                            BuildRequest request, String hash, long counter, int attempt,
                                            Redactor redactor, Placement placement, BuildReason reason) {
        if (stopping) {
            // the next operator starts it: a build started now would only be interrupted
            return UpdateControl.noUpdate();
        }
        RetryPolicy retry = RetryPolicy.of(resource.getSpec().retry);
        BuildEvents.EventTarget target = target(resource);
        BuildPlan plan = new BuildPlan(resource.owner(), target, request, hash,
                InputsHash.sha256Hex(request.playbook().content()), counter, attempt, retry.limit(), retry.backoff(),
                reason);
        watch.buildStarted(resource.owner());
        String namespace = resource.getMetadata().getNamespace();
        String name = resource.getMetadata().getName();
        TrackedBuild build = scheduler.submit(plan, placement, () -> trigger.fire(namespace, name),
                ended -> ended(ended, redactor));
        logs.started(logKey(plan), build.log());
        newestBuilds.put(resource.owner(), request.buildId());
        Optional.ofNullable(builds.put(resource.owner(), build))
                .ifPresent(old -> refusedStatus.remove(old.plan().request().buildId()));
        events.record(target, false, "BuildStarted", "build " + counter + (attempt > 1 ? " attempt " + attempt : "")
                + " (" + request.buildId() + ") queued on " + build.snapshot().host());
        return patch(resource, composer.of(current, generation, build.snapshot(), redactor));
    }

    private void ended(TrackedBuild build, Redactor redactor) {
        TrackedBuild.Snapshot snapshot = build.snapshot();
        BuildResult result = snapshot.result().orElseThrow();
        metrics.ended(snapshot.host(), result, Duration.between(snapshot.startTime().orElse(snapshot.completionTime().orElseThrow()),
                snapshot.completionTime().orElseThrow()));
        BuildEvents.EventTarget target = build.plan().target();
        boolean deleted = snapshot.canceled().map(TrackedBuild.CANCELED_DELETED::equals).orElse(false);
        String ending;
        if (result instanceof BuildResult.Succeeded succeeded) {
            ending = "pushed " + String.join(", ", succeeded.tags()) + succeeded.digest().map(d -> " (" + d + ")").orElse("");
            events.record(target, false, "Pushed", ending);
        } else if (result instanceof BuildResult.Failed failed) {
            String reason = StatusReason.of(failed.failure().reason()).name();
            String message = redactor.redact(failed.failure().message());
            ending = reason + ": " + message;
            events.record(target, true, reason, message);
        } else {
            ending = "canceled: " + snapshot.canceled().orElse(((BuildResult.Canceled) result).reason());
            if (!deleted) {
                events.record(target, true, "Canceled", "build " + build.plan().request().buildId() + " " + ending);
            }
        }
        build.log().append("ended after " + snapshot.startTime().map(start -> Durations.format(
                Duration.between(start, snapshot.completionTime().orElseThrow()))).orElse("0s") + ": " + ending);
        if (!deleted) {
            logs.ended(logKey(build.plan()), build.log());
        }
        trigger.fire(target.namespace(), target.name());
    }

    /**
     * A reconcile or its status patch failed. When the API server refused the status (too large for etcd, or
     * invalid), the build's status is cut to its minimal form, so the outcome still reaches the resource and
     * the build is not left showing Building for good; JOSDK's bounded retry then runs the reconcile again.
     */
    @Override
    public ErrorStatusUpdateControl<ImageBuild> updateErrorStatus(ImageBuild resource, Context<ImageBuild> context,
                                                                  Exception e) {
        minimalAfterRefusal(resource, e).filter(minimal -> leadership.held()).ifPresent(minimal -> {
            // The refused write never landed: the minimal status is diffed against what is stored.
            var stored = context.getClient().resources(ImageBuild.class)
                    .inNamespace(resource.getMetadata().getNamespace()).withName(resource.getMetadata().getName());
            try {
                Optional.ofNullable(stored.get()).ifPresent(current ->
                        writeStatus(current, Optional.ofNullable(current.getStatus()), minimal, context));
            } catch (KubernetesClientException refused) {
                LOG.warnf("%s: could not write the minimal status either (%s)", resource.owner(), refused.getMessage());
            }
        });
        return ErrorStatusUpdateControl.defaultErrorProcessing();
    }

    /**
     * The minimal status to write when {@code e} is the API server refusing the status of a tracked build; from
     * then on that build gets only its minimal status.
     */
    Optional<ImageBuildStatus> minimalAfterRefusal(ImageBuild resource, Exception e) {
        Optional<TrackedBuild> build = Optional.ofNullable(builds.get(resource.owner()));
        if (!(e instanceof KubernetesClientException refused) || !refusedWrite(refused) || build.isEmpty()) {
            return Optional.empty();
        }
        String buildId = build.get().plan().request().buildId();
        LOG.warnf("%s: the API server refused the status of build %s (%s); writing its minimal status instead",
                resource.owner(), buildId, refused.getMessage());
        refusedStatus.add(buildId);
        return Optional.ofNullable(resource.getStatus()).map(StatusComposer::minimal);
    }

    /** The API server refused to store what was written: too large (etcd's limit, or the request's) or invalid. */
    private static boolean refusedWrite(KubernetesClientException e) {
        return e.getCode() == 413 || e.getCode() == 422
                || e.getCode() == 500 && String.valueOf(e.getMessage()).contains("too large");
    }

    @Override
    public DeleteControl cleanup(ImageBuild resource, Context<ImageBuild> context) {
        if (!leadership.held()) {
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(RECHECK_LEASE);
        }
        return cleanup(resource);
    }

    /** Cancels the resource's build and removes its containers; never waits on a build or a silent host. */
    DeleteControl cleanup(ImageBuild resource) {
        Optional.ofNullable(builds.remove(resource.owner())).ifPresent(b -> {
            b.cancel(TrackedBuild.CANCELED_DELETED);
            refusedStatus.remove(b.plan().request().buildId());
        });
        progressPatched.remove(resource.owner());
        newestBuilds.remove(resource.owner());
        watch.forget(resource.owner());
        cleaner.removeContainersOf(resource.owner());
        Optional.ofNullable(resource.getMetadata().getUid()).ifPresent(logs::deleted);
        return DeleteControl.defaultDelete();
    }

    /**
     * The operator is stopping: starts no more builds, cancels every running or queued one as interrupted (each
     * removes its container) and returns them, for {@link #interruptedStatus} once they have ended.
     */
    public List<TrackedBuild> interruptBuilds() {
        stopping = true;
        List<TrackedBuild> interrupted = builds.values().stream().filter(b -> !b.snapshot().isFinished()).toList();
        interrupted.forEach(b -> b.cancel(TrackedBuild.CANCELED_SHUTDOWN));
        return interrupted;
    }

    /**
     * The status to write for an ImageBuild whose build {@link #interruptBuilds} stopped: reason Interrupted,
     * not terminal, inputs hash kept, so the next operator's restart path builds it again.
     */
    public Optional<ImageBuildStatus> interruptedStatus(ImageBuild resource) {
        long generation = Optional.ofNullable(resource.getMetadata().getGeneration()).orElse(0L);
        return Optional.ofNullable(builds.get(resource.owner())).map(TrackedBuild::snapshot)
                .filter(s -> s.canceled().map(TrackedBuild.CANCELED_SHUTDOWN::equals).orElse(false))
                .map(s -> composer.of(resource.getStatus(), generation, s, Redactor.none()));
    }

    /**
     * Removes this deployment's build containers that no running build of this process owns (an earlier run or
     * leader died mid-build, a host was lost mid-build), if this process leads: before the first reconcile of a sole
     * process or of a new leader, and when a host answers again.
     */
    public void removeLeftovers() {
        if (!leadership.held()) {
            return;
        }
        int removed = cleaner.removeLeftovers(id -> builds.values().stream()
                .anyMatch(b -> b.plan().request().buildId().equals(id) && !b.snapshot().isFinished()));
        if (removed > 0) {
            LOG.infof("removed %d build container(s) left by an earlier operator run or a lost host", removed);
        }
    }

    /**
     * The builds whose snapshots the cache keeps: the newest build of each ImageBuild this process has seen, and
     * every build running now.
     */
    public Set<String> keptBuilds() {
        Set<String> kept = new HashSet<>(newestBuilds.values());
        builds.values().stream().filter(b -> !b.snapshot().isFinished())
                .forEach(b -> kept.add(b.plan().request().buildId()));
        return kept;
    }

    /** {@code namespace/name} of every ImageBuild whose newest build this process knows. */
    public Set<String> owners() {
        return Set.copyOf(newestBuilds.keySet());
    }

    /** The tracked build of a resource, for tests and health. */
    Optional<TrackedBuild.Snapshot> tracked(String owner) {
        return Optional.ofNullable(builds.get(owner)).map(TrackedBuild::snapshot);
    }

    private UpdateControl<ImageBuild> patch(ImageBuild resource, ImageBuildStatus desired) {
        ImageBuildStatus status = desired.buildId != null && refusedStatus.contains(desired.buildId)
                ? StatusComposer.minimal(desired) : desired;
        if (Json.same(resource.getStatus(), status)) {
            return UpdateControl.noUpdate();
        }
        resource.setStatus(status);
        return UpdateControl.patchStatus(resource);
    }

    /**
     * The status of a running build, patched at most once per {@link #PROGRESS_INTERVAL} while only its
     * progress moves (a playbook of many fast tasks would otherwise write the resource once per task); a new
     * phase or condition reason is patched at once.
     */
    private UpdateControl<ImageBuild> patchProgress(ImageBuild resource, ImageBuildStatus desired) {
        ImageBuildStatus current = resource.getStatus();
        Instant now = clock.instant();
        Instant last = progressPatched.getOrDefault(resource.owner(), Instant.MIN);
        Duration since = last.equals(Instant.MIN) ? PROGRESS_INTERVAL : Duration.between(last, now);
        if (current != null && current.phase == desired.phase && reason(current).equals(reason(desired))
                && since.compareTo(PROGRESS_INTERVAL) < 0) {
            return UpdateControl.<ImageBuild>noUpdate().rescheduleAfter(PROGRESS_INTERVAL.minus(since));
        }
        UpdateControl<ImageBuild> control = patch(resource, desired);
        if (control.isPatchStatus()) {
            progressPatched.put(resource.owner(), now);
        }
        return control;
    }

    private static String reason(ImageBuildStatus status) {
        return StatusComposer.find(status.conditions, StatusComposer.READY).map(c -> c.reason).orElse("");
    }

    private static BuildLogs.Key logKey(BuildPlan plan) {
        BuildEvents.EventTarget target = plan.target();
        return new BuildLogs.Key(target.namespace(), target.name(), target.uid(), plan.request().buildId(),
                plan.counter(), plan.attempt());
    }

    private static Redactor redactor(ResolvedInputs resolved) {
        List<String> secrets = new ArrayList<>(resolved.secretVars().values());
        resolved.credentials().values().stream().map(RegistryCredentials::password).forEach(secrets::add);
        resolved.pushCredentials().values().stream().map(RegistryCredentials::password).forEach(secrets::add);
        return Redactor.of(secrets);
    }

    /** Readable and unique: the resource's name, then random hex (Docker label values and image names allow both). */
    private static String newBuildId(ImageBuild resource) {
        String name = resource.getMetadata().getName();
        return name.substring(0, Math.min(name.length(), 40)) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
