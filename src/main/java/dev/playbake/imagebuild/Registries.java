package dev.playbake.imagebuild;

import dev.playbake.image.ImageReference;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.runtime.ContainerRuntime;
import dev.playbake.runtime.ImageInfo;
import dev.playbake.runtime.RegistryException;

import java.util.Optional;

/** A build's two ends at the registries: the base image it starts from, and the tags it pushes. */
final class Registries {

    private final ContainerRuntime runtime;
    private final BuildRequest request;
    private final BuildReporter reporter;
    private final CancellationSignal cancellation;

    Registries(ContainerRuntime runtime, BuildRequest request, BuildReporter reporter, CancellationSignal cancellation) {
        this.runtime = runtime;
        this.request = request;
        this.reporter = reporter;
        this.cancellation = cancellation;
    }

    /** The base image, pulled when the runtime does not have it yet. */
    ImageInfo resolveBase() {
        Optional<ImageInfo> local = runtime.inspectImage(request.baseImage());
        if (local.isPresent()) {
            return local.get();
        }
        ImageReference.parse(request.baseImage());
        runtime.pull(request.baseImage(), credentials(request.baseImage()));
        return runtime.inspectImage(request.baseImage()).orElseThrow(() -> new RegistryException(
                RegistryException.Kind.NOT_FOUND, "pulled " + request.baseImage() + " but the daemon does not have it"));
    }

    /** Tags the image, pushes every tag when asked, and reports the result. */
    BuildResult tagAndPush(String imageId) {
        for (String tag : request.tags()) {
            runtime.tag(imageId, tag);
        }
        Optional<String> digest = Optional.empty();
        if (request.push()) {
            reporter.listener().phase(BuildPhase.PUSHING);
            try {
                for (String tag : request.tags()) {
                    String pushed = Retry.transientRegistry(() -> runtime.push(tag, credentials(tag)), cancellation);
                    reporter.listener().pushed(tag, pushed);
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

    private Optional<RegistryCredentials> credentials(String reference) {
        String registry = ImageReference.parse(reference).registryHost().orElse("docker.io");
        return Optional.ofNullable(request.credentials().get(registry));
    }
}
