package dev.playbake.imagebuild;

import dev.playbake.engine.TagSelection;
import dev.playbake.image.RegistryCredentials;

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
 * @param ignoreServiceState service tasks' {@code state} is reported ok and not applied (no init runs in a build)
 * @param tagSelection which tasks run ({@code --tags}/{@code --skip-tags}); all by default
 * @param artifacts   the host folder {@code fetch} writes to; empty when the build has none (the operator's)
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
        boolean ignoreServiceState,
        TagSelection tagSelection,
        Optional<Path> artifacts) {

    /** A request that runs every task (no {@code --tags}/{@code --skip-tags}) and has no artifact folder. */
    public BuildRequest(String buildId, String owner, PlaybookSource playbook, String baseImage, List<String> tags,
                        boolean push, boolean insecure, Map<String, Object> extraVars, Map<String, String> secretVars,
                        ImageConfig config, Map<String, String> labels, CacheMode cache, SnapshotPolicy snapshots,
                        Map<String, RegistryCredentials> credentials, Duration timeout, boolean ignoreServiceState) {
        this(buildId, owner, playbook, baseImage, tags, push, insecure, extraVars, secretVars, config, labels, cache,
                snapshots, credentials, timeout, ignoreServiceState, TagSelection.ALL, Optional.empty());
    }

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
        Objects.requireNonNull(tagSelection, "tagSelection");
        // relative to where the build started, fixed now so the build never depends on the working directory
        artifacts = artifacts.map(p -> p.toAbsolutePath().normalize());
    }

    /** Whether the cache is used and fed. */
    public enum CacheMode { ENABLED, DISABLED }

    /** When a snapshot is committed (DESIGN.md §3). */
    public enum SnapshotPolicy {
        /** When the work since the last snapshot took longer than a snapshot costs, and after the last task. */
        AUTO,
        /** After every task that changed something. */
        EVERY_CHANGE
    }
}
