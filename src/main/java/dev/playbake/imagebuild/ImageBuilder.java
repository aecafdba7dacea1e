package dev.playbake.imagebuild;

import dev.playbake.imagebuild.cache.ArtifactStore;
import dev.playbake.imagebuild.cache.Labels;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.runtime.ContainerRuntime;
import dev.playbake.secrets.Redactor;
import dev.playbake.template.PasswordStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The build pipeline (docs/architecture.md, "The life of a build") on one container runtime: resolve the base image,
 * find the deepest snapshot, run the rest of the playbook in a working container (snapshotting as it goes), commit the
 * image with its configuration, tag, push, and always remove the container. {@link BuildRun} has the stages.
 */
public final class ImageBuilder implements Builder {

    /** Squash before this many layers: overlay2 stops at about 125, and a base image brings its own. */
    static final int LAYER_LIMIT = 100;

    /**
     * What every build of this builder shares.
     *
     * @param runtime              the container runtime builds run on
     * @param modules              the modules tasks may use
     * @param secretKey            key for the keyed hash of secret vars in cache keys
     * @param extraContainerLabels labels added to every working container (the CLI's process label)
     * @param passwords            the store lookup('password') keeps its passwords in, one per build or shared
     * @param artifactStore        where copies of fetched files are kept, when there is such a store
     * @param layerLimit           the layer count at which a build is squashed
     * @param tenancy              what a build may take from the host and leave on it
     * @param publishGate          asked before a finished build tags and pushes
     */
    record Setup(ContainerRuntime runtime, ModuleRegistry modules, byte[] secretKey,
                 Map<String, String> extraContainerLabels, Supplier<PasswordStore> passwords,
                 Optional<ArtifactStore> artifactStore, int layerLimit, TenancyPolicy tenancy,
                 PublishGate publishGate) {

        Setup {
            secretKey = secretKey.clone();
            extraContainerLabels = Map.copyOf(extraContainerLabels);
        }
    }

    private final Setup setup;

    private ImageBuilder(Setup setup) {
        this.setup = setup;
    }

    /**
     * @param runtime              the container runtime builds run on
     * @param secretKey            key for the keyed hash of secret vars in cache keys
     * @param extraContainerLabels labels added to every working container (the CLI's process label)
     */
    public ImageBuilder(ContainerRuntime runtime, byte[] secretKey, Map<String, String> extraContainerLabels) {
        this(runtime, secretKey, extraContainerLabels, LAYER_LIMIT, PasswordStore::inMemory, Optional.empty());
    }

    /**
     * With the store lookup('password') keeps its passwords in (the CLI's build context); otherwise
     * each build has its own, in memory.
     */
    public ImageBuilder(ContainerRuntime runtime, byte[] secretKey, Map<String, String> extraContainerLabels,
                        PasswordStore passwords) {
        this(runtime, secretKey, extraContainerLabels, LAYER_LIMIT, () -> passwords, Optional.empty());
    }

    /**
     * With the store that keeps copies of fetched files (the CLI's), so builds resume past fetch
     * tasks; without one, the cache is not used past a step that fetched.
     */
    public ImageBuilder(ContainerRuntime runtime, byte[] secretKey, Map<String, String> extraContainerLabels,
                        PasswordStore passwords, ArtifactStore artifacts) {
        this(runtime, secretKey, extraContainerLabels, LAYER_LIMIT, () -> passwords, Optional.of(artifacts));
    }

    /** With another layer limit, so tests can reach it without a hundred builds. */
    ImageBuilder(ContainerRuntime runtime, byte[] secretKey, Map<String, String> extraContainerLabels, int layerLimit) {
        this(runtime, secretKey, extraContainerLabels, layerLimit, PasswordStore::inMemory, Optional.empty());
    }

    private ImageBuilder(ContainerRuntime runtime, byte[] secretKey, Map<String, String> extraContainerLabels,
                         int layerLimit, Supplier<PasswordStore> passwords, Optional<ArtifactStore> artifactStore) {
        this(new Setup(runtime, ModuleRegistry.standard(), secretKey, extraContainerLabels, passwords,
                artifactStore, layerLimit, TenancyPolicy.CLI, PublishGate.OPEN));
    }

    /** This builder under another tenancy policy (the operator's); {@link TenancyPolicy#CLI} by default. */
    public ImageBuilder withTenancy(TenancyPolicy tenancy) {
        Setup s = setup;
        return new ImageBuilder(new Setup(s.runtime(), s.modules(), s.secretKey(), s.extraContainerLabels(),
                s.passwords(), s.artifactStore(), s.layerLimit(), tenancy, s.publishGate()));
    }

    /** This builder asking {@code gate} before each build tags and pushes; {@link PublishGate#OPEN} by default. */
    public ImageBuilder withPublishGate(PublishGate gate) {
        Setup s = setup;
        return new ImageBuilder(new Setup(s.runtime(), s.modules(), s.secretKey(), s.extraContainerLabels(),
                s.passwords(), s.artifactStore(), s.layerLimit(), s.tenancy(), gate));
    }

    @Override
    public BuildResult build(BuildRequest request, BuildListener listener, CancellationSignal cancellation) {
        BuildReporter reporter = new BuildReporter(listener, new Redactor(request.secretVars().values()),
                cancellation::isCanceled);
        ScheduledThreadPoolExecutor timer = timer(request, cancellation);
        WorkingContainer container = new WorkingContainer(setup.runtime(), containerLabels(request), request.limits(),
                reporter);
        try {
            return new BuildRun(setup, request, reporter, cancellation, container).build(timer);
        } finally {
            timer.shutdown();  // not shutdownNow: interrupting a removal in flight would leave the container
            container.remove();
        }
    }

    /** The build's own timer thread: its timeout, and the watch that removes the container on cancel. */
    private static ScheduledThreadPoolExecutor timer(BuildRequest request, CancellationSignal cancellation) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "playbake-build-timer-" + request.buildId());
            thread.setDaemon(true);
            return thread;
        });
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        if (!request.timeout().isZero()) {
            timer.schedule(() -> cancellation.cancel("timeout"), request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        return timer;
    }

    private Map<String, String> containerLabels(BuildRequest request) {
        Map<String, String> labels = new LinkedHashMap<>(setup.extraContainerLabels());
        labels.put(Labels.BUILD, request.buildId());
        labels.put(Labels.OWNER, request.owner());
        return labels;
    }
}
