package dev.playbake.imagebuild;

import dev.playbake.engine.ControllerAccess;
import dev.playbake.engine.TagSelection;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.modules.ServiceStatePolicy;
import dev.playbake.runtime.ContainerLimits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one build needs, whether it came from an ImageBuild resource or from the CLI.
 *
 * @param buildId     unique per build attempt; labels the working container
 * @param owner       {@code namespace/name} for the operator, {@code cli} for the CLI
 * @param playbook    the playbook and the files it may read
 * @param baseImage   image reference to start from
 * @param tags        references to tag the result with; the first is the primary one
 * @param push        push every tag after the build
 * @param insecure    the output registry speaks plain HTTP or has an unverified certificate
 * @param extraVars   extra vars (highest precedence)
 * @param secretVars  extra vars whose values are masked everywhere and never stored
 * @param config      image configuration for the result
 * @param labels      labels for the result
 * @param cache       whether to use and create snapshots
 * @param snapshots   when to snapshot
 * @param credentials registry credentials by registry host (for pull and push)
 * @param timeout     the longest the build may take; zero for no limit
 * @param serviceState what service tasks' running state does (no init runs in a build): recorded by default, or strict
 * @param tagSelection which tasks run ({@code --tags}/{@code --skip-tags}); all by default
 * @param artifacts   the host folder {@code fetch} writes to; empty when the build has none (the operator's)
 * @param cacheScope  who may share this build's snapshots and finished images: builds with the same scope only
 *                    (the operator's: the ImageBuild's namespace); empty for the CLI, whose keys it leaves as they were
 * @param pushCredentials registry credentials by registry host used for push only, after {@code credentials}
 *                    (the operator's default push secret: never used for a pull)
 * @param limits      the build container's resources and network ({@code limits().network()}: whether anything
 *                    the build does may leave the host's loopback); none by default
 * @param controller  what the controller lends the playbook: where module HTTP may connect, the environment
 *                    lookup('env') sees (the CLI's own; the operator's restricted)
 * @param registryCache the registry repositories snapshots are imported from and exported to; none by default
 */
public record BuildRequest(
        String buildId,
        String owner,
        PlaybookSource playbook,
        String baseImage,
        List<String> tags,
        boolean push,
        boolean insecure,
        Map<String, Object> extraVars,
        Map<String, String> secretVars,
        ImageConfig config,
        Map<String, String> labels,
        CacheMode cache,
        SnapshotPolicy snapshots,
        Map<String, RegistryCredentials> credentials,
        Duration timeout,
        ServiceStatePolicy serviceState,
        TagSelection tagSelection,
        Optional<Path> artifacts,
        String cacheScope,
        Map<String, RegistryCredentials> pushCredentials,
        ContainerLimits limits,
        ControllerAccess controller,
        RegistryCache registryCache) {

    /** The cache scope of every namespace when the operator shares its cache; no namespace is called this. */
    public static final String SHARED_CACHE_SCOPE = "*";


    public BuildRequest {
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(playbook, "playbook");
        Objects.requireNonNull(baseImage, "baseImage");
        tags = List.copyOf(tags);
        extraVars = Map.copyOf(extraVars);
        secretVars = Map.copyOf(secretVars);
        Objects.requireNonNull(config, "config");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(snapshots, "snapshots");
        credentials = Map.copyOf(credentials);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(serviceState, "serviceState");
        Objects.requireNonNull(tagSelection, "tagSelection");
        // relative to where the build started, fixed now so the build never depends on the working directory
        artifacts = artifacts.map(p -> p.toAbsolutePath().normalize());
        Objects.requireNonNull(cacheScope, "cacheScope");
        pushCredentials = Map.copyOf(pushCredentials);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(registryCache, "registryCache");
    }

    /**
     * A request to fill in by name: everything but the identity and the inputs has a default (no tags, no
     * push, no vars, the base image's configuration, the cache on with AUTO snapshots, no timeout,
     * service states recorded, every task, the CLI's cache scope, no push-only credentials, no container limits, the controller open as on the user's machine).
     */
    public static Draft builder(String buildId, String owner, PlaybookSource playbook, String baseImage) {
        return new Draft(buildId, owner, playbook, baseImage);
    }

    /** This request as a draft, to change some fields of. */
    public Draft toBuilder() {
        return new Draft(buildId, owner, playbook, baseImage).tags(tags).push(push).insecure(insecure)
                .extraVars(extraVars).secretVars(secretVars).config(config).labels(labels).cache(cache)
                .snapshots(snapshots).credentials(credentials).timeout(timeout).serviceState(serviceState)
                .tagSelection(tagSelection).artifacts(artifacts).cacheScope(cacheScope).pushCredentials(pushCredentials)
                .limits(limits).controller(controller).registryCache(registryCache);
    }

    /** A request under construction; see {@link BuildRequest} for what each field means. */
    public static final class Draft {
        private String buildId;
        private String owner;
        private PlaybookSource playbook;
        private String baseImage;
        private List<String> tags = List.of();
        private boolean push;
        private boolean insecure;
        private Map<String, Object> extraVars = Map.of();
        private Map<String, String> secretVars = Map.of();
        private ImageConfig config = ImageConfig.inherit();
        private Map<String, String> labels = Map.of();
        private CacheMode cache = CacheMode.ENABLED;
        private SnapshotPolicy snapshots = SnapshotPolicy.AUTO;
        private Map<String, RegistryCredentials> credentials = Map.of();
        private Duration timeout = Duration.ZERO;
        private ServiceStatePolicy serviceState = ServiceStatePolicy.RECORD;
        private TagSelection tagSelection = TagSelection.ALL;
        private Optional<Path> artifacts = Optional.empty();
        private String cacheScope = "";
        private Map<String, RegistryCredentials> pushCredentials = Map.of();
        private ContainerLimits limits = ContainerLimits.NONE;
        private ControllerAccess controller = ControllerAccess.open();
        private RegistryCache registryCache = RegistryCache.NONE;

        private Draft(String buildId, String owner, PlaybookSource playbook, String baseImage) {
            this.buildId = buildId;
            this.owner = owner;
            this.playbook = playbook;
            this.baseImage = baseImage;
        }

        public Draft buildId(String value) {
            buildId = value;
            return this;
        }

        public Draft owner(String value) {
            owner = value;
            return this;
        }

        public Draft playbook(PlaybookSource value) {
            playbook = value;
            return this;
        }

        public Draft baseImage(String value) {
            baseImage = value;
            return this;
        }

        public Draft tags(List<String> value) {
            tags = value;
            return this;
        }

        public Draft push(boolean value) {
            push = value;
            return this;
        }

        public Draft insecure(boolean value) {
            insecure = value;
            return this;
        }

        public Draft extraVars(Map<String, Object> value) {
            extraVars = value;
            return this;
        }

        public Draft secretVars(Map<String, String> value) {
            secretVars = value;
            return this;
        }

        public Draft config(ImageConfig value) {
            config = value;
            return this;
        }

        public Draft labels(Map<String, String> value) {
            labels = value;
            return this;
        }

        public Draft cache(CacheMode value) {
            cache = value;
            return this;
        }

        public Draft snapshots(SnapshotPolicy value) {
            snapshots = value;
            return this;
        }

        public Draft credentials(Map<String, RegistryCredentials> value) {
            credentials = value;
            return this;
        }

        public Draft timeout(Duration value) {
            timeout = value;
            return this;
        }

        public Draft serviceState(ServiceStatePolicy value) {
            serviceState = value;
            return this;
        }

        public Draft tagSelection(TagSelection value) {
            tagSelection = value;
            return this;
        }

        public Draft artifacts(Optional<Path> value) {
            artifacts = value;
            return this;
        }

        public Draft cacheScope(String value) {
            cacheScope = value;
            return this;
        }

        public Draft pushCredentials(Map<String, RegistryCredentials> value) {
            pushCredentials = value;
            return this;
        }

        public Draft limits(ContainerLimits value) {
            limits = value;
            return this;
        }

        public Draft controller(ControllerAccess value) {
            controller = value;
            return this;
        }

        public Draft registryCache(RegistryCache value) {
            registryCache = value;
            return this;
        }

        public BuildRequest build() {
            return new BuildRequest(buildId, owner, playbook, baseImage, tags, push, insecure, extraVars, secretVars,
                    config, labels, cache, snapshots, credentials, timeout, serviceState, tagSelection, artifacts,
                    cacheScope, pushCredentials, limits, controller, registryCache);
        }
    }

    /**
     * Whether a build may resume from the cache: {@code DISABLED} runs every task, and like {@code docker build
     * --no-cache} still leaves its snapshots and finished image, so the next build resumes from them.
     */
    public enum CacheMode { ENABLED, DISABLED }

    /** When a snapshot is committed (docs/architecture.md, "Snapshots after tasks"). */
    public enum SnapshotPolicy {
        /** When the work since the last snapshot took longer than a snapshot costs, and after the last task. */
        AUTO,
        /** After every task that changed something. */
        EVERY_CHANGE
    }
}
