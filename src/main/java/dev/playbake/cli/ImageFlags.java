package dev.playbake.cli;

import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.imagebuild.ImageConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The image settings given as flags, laid over a request as {@code docker run}'s flags are over an image: what
 * a flag sets wins over the manifest, what it adds to (environment, labels, ports, volumes) is added.
 *
 * @param config    the flags' image configuration; what they leave unset is empty
 * @param labels    {@code --label}s
 * @param cache     whether the cache is used, when {@code --snapshots} is given
 * @param snapshots when snapshots are taken, when {@code --snapshots} is given
 */
record ImageFlags(ImageConfig config, Map<String, String> labels, Optional<BuildRequest.CacheMode> cache,
                  Optional<BuildRequest.SnapshotPolicy> snapshots) {

    ImageFlags {
        labels = Map.copyOf(labels);
    }

    /** The request with these settings over its own. */
    BuildRequest over(BuildRequest request) {
        Map<String, String> allLabels = new LinkedHashMap<>(request.labels());
        allLabels.putAll(labels);
        return request.toBuilder()
                .config(request.config().overriddenBy(config))
                .labels(allLabels)
                .cache(cache.orElse(request.cache()))
                .snapshots(snapshots.orElse(request.snapshots()))
                .build();
    }
}
