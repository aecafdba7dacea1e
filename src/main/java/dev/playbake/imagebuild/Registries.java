package dev.playbake.imagebuild;

import dev.playbake.image.ImageReference;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.imagebuild.cache.Labels;
import dev.playbake.runtime.ContainerRuntime;
import dev.playbake.runtime.ImageInfo;
import dev.playbake.runtime.RegistryException;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** A build's two ends at the registries: the base image it starts from, and the tags it pushes. */
final class Registries {

    private final ContainerRuntime runtime;
    private final BuildRequest request;
    private final BuildReporter reporter;
    private final CancellationSignal cancellation;
    private final TenancyPolicy.BaseImages policy;
    private final boolean removeSuperseded;
    private final PublishGate gate;

    /** @param removeSuperseded whether a finished image whose last tag this build takes is removed (the operator) */
    Registries(ContainerRuntime runtime, BuildRequest request, BuildReporter reporter, CancellationSignal cancellation,
               TenancyPolicy.BaseImages policy, boolean removeSuperseded, PublishGate gate) {
        this.runtime = runtime;
        this.policy = policy;
        this.removeSuperseded = removeSuperseded;
        this.gate = gate;
        this.request = request;
        this.reporter = reporter;
        this.cancellation = cancellation;
    }

    /** The base image as the policy finds it (see {@link BaseImages}); the digest it was pulled as is reported. */
    ImageInfo resolveBase() {
        long start = System.nanoTime();
        BaseImages.Found found = new BaseImages(runtime, policy, credentials(request.baseImage()),
                () -> reporter.listener().stageStarted(StageReport.Kind.PULL, request.baseImage()))
                .resolve(request.baseImage());
        found.digest().ifPresent(digest -> {
            reporter.listener().stageFinished(new StageReport(StageReport.Kind.PULL, request.baseImage(),
                    millisSince(start), OptionalLong.of(found.image().size()), Optional.of(digest)));
            reporter.listener().baseImage(request.baseImage(), digest);
        });
        return found.image();
    }

    /** Tags the image, pushes every tag when asked, and reports the result; nothing when the gate refuses. */
    BuildResult tagAndPush(String imageId) {
        Optional<String> refused = gate.refusal();
        if (refused.isPresent()) {
            cancellation.cancel(refused.get());
            return reporter.canceled(cancellation, request.timeout());
        }
        Set<String> superseded = new LinkedHashSet<>();
        for (String tag : request.tags()) {
            if (removeSuperseded) {
                runtime.inspectImage(tag).map(ImageInfo::id).filter(id -> !id.equals(imageId)).ifPresent(superseded::add);
            }
            runtime.tag(imageId, tag);
        }
        superseded.forEach(this::removeIfFinishedAndUntagged);
        Optional<String> digest = Optional.empty();
        if (request.push()) {
            reporter.listener().phase(BuildPhase.PUSHING);
            try {
                for (String tag : request.tags()) {
                    String pushed = push(tag);
                    digest = digest.or(() -> Optional.of(pushed));
                }
            } catch (RegistryException e) {
                return reporter.failed(e.kind() == RegistryException.Kind.UNAUTHORIZED
                        ? BuildFailure.Reason.PUSH_UNAUTHORIZED : BuildFailure.Reason.PUSH_FAILED, e.getMessage());
            }
        }
        long size = runtime.inspectImage(imageId).map(ImageInfo::size).orElse(0L);
        return reporter.succeeded(imageId, digest, request.tags(), size);
    }

    /**
     * Removes an image a tag of this build was taken from, when it is an earlier build's finished image and no tag
     * is left on it; one a container or another image still stands on stays.
     */
    private void removeIfFinishedAndUntagged(String imageId) {
        runtime.inspectImage(imageId)
                .filter(image -> image.tags().isEmpty())
                .filter(image -> !image.settings().labels().getOrDefault(Labels.IMAGE_KEY, "").isEmpty())
                .ifPresent(image -> {
                    try {
                        runtime.removeImage(image.id());
                    } catch (RuntimeException inUse) {
                        reporter.log("kept the superseded image " + image.id() + ": " + RuntimeMessages.of(inUse));
                    }
                });
    }

    /**
     * Pushes a failed build's debug image under its {@code -failed} tag, with the build's push credentials, and
     * returns it pinned by digest; a push that fails is said in the build log and leaves the image on the host.
     */
    Optional<String> pushDebugImage(String reference) {
        if (gate.refusal().isPresent()) {
            return Optional.empty();
        }
        try {
            String digest = push(reference);
            // tag and digest both: what it is, and exactly which image (docker pull takes the pair)
            return Optional.of(reference + "@" + digest);
        } catch (RegistryException e) {
            reporter.log("could not push the debug image " + reference + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Pulls the snapshot with {@code key} from the first cache repository that has it; returns where it came from.
     * A registry that cannot be reached is said in the build log and skipped: the cache is a speed-up, never a
     * reason for a build to fail.
     */
    Optional<String> importSnapshot(String key) {
        for (String repository : request.registryCache().from()) {
            String reference = RegistryCache.reference(repository, key);
            try {
                runtime.pull(reference, request.registryCache().credentials().or(() -> credentials(reference)));
                return Optional.of(reference);
            } catch (RegistryException e) {
                if (e.kind() != RegistryException.Kind.NOT_FOUND) {
                    reporter.log("cache: could not read " + repository + ": " + e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Pushes each snapshot (image IDs by cache key) to the cache repository; only layers it lacks move. A failure
     * is said in the build log; the build stays as it ended.
     */
    void exportSnapshots(Map<String, String> snapshots) {
        request.registryCache().to().ifPresent(repository -> {
            int exported = 0;
            try {
                for (Map.Entry<String, String> snapshot : snapshots.entrySet()) {
                    String reference = RegistryCache.reference(repository, snapshot.getKey());
                    runtime.tag(snapshot.getValue(), reference);
                    Optional<RegistryCredentials> credentials = request.registryCache().credentials()
                            .or(() -> pushCredentials(reference));
                    Retry.transientRegistry(() -> runtime.push(reference, credentials), cancellation);
                    exported++;
                }
                reporter.log("cache: exported " + exported + " snapshot(s) to " + repository);
            } catch (RegistryException e) {
                reporter.log("cache: exported " + exported + " of " + snapshots.size() + " snapshot(s) to "
                        + repository + ", then: " + e.getMessage());
            }
        });
    }

    /** Pushes one tag with retries, reported as a stage of its own. */
    private String push(String reference) {
        long start = System.nanoTime();
        reporter.listener().stageStarted(StageReport.Kind.PUSH, reference);
        String digest = Retry.transientRegistry(() -> runtime.push(reference, pushCredentials(reference)), cancellation);
        reporter.listener().stageFinished(new StageReport(StageReport.Kind.PUSH, reference, millisSince(start),
                OptionalLong.empty(), Optional.of(digest)));
        return digest;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private Optional<RegistryCredentials> credentials(String reference) {
        return Optional.ofNullable(request.credentials().get(registry(reference)));
    }

    /** The build's own credentials for the tag's registry, else the push-only ones. */
    private Optional<RegistryCredentials> pushCredentials(String reference) {
        return credentials(reference).or(() -> Optional.ofNullable(request.pushCredentials().get(registry(reference))));
    }

    private static String registry(String reference) {
        return ImageReference.parse(reference).registryHost().orElse("docker.io");
    }
}
