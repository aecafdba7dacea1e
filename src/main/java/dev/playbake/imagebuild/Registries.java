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
    private final TenancyPolicy.BaseImages policy;
    private final PublishGate gate;

    Registries(ContainerRuntime runtime, BuildRequest request, BuildReporter reporter, CancellationSignal cancellation,
               TenancyPolicy.BaseImages policy, PublishGate gate) {
        this.runtime = runtime;
        this.policy = policy;
        this.gate = gate;
        this.request = request;
        this.reporter = reporter;
        this.cancellation = cancellation;
    }

    /** The base image as the policy finds it (see {@link BaseImages}). */
    ImageInfo resolveBase() {
        return new BaseImages(runtime, policy, credentials(request.baseImage())).resolve(request.baseImage());
    }

    /** Tags the image, pushes every tag when asked, and reports the result; nothing when the gate refuses. */
    BuildResult tagAndPush(String imageId) {
        Optional<String> refused = gate.refusal();
        if (refused.isPresent()) {
            cancellation.cancel(refused.get());
            return reporter.canceled(cancellation, request.timeout());
        }
        for (String tag : request.tags()) {
            runtime.tag(imageId, tag);
        }
        Optional<String> digest = Optional.empty();
        if (request.push()) {
            reporter.listener().phase(BuildPhase.PUSHING);
            try {
                for (String tag : request.tags()) {
                    String pushed = Retry.transientRegistry(() -> runtime.push(tag, pushCredentials(tag)), cancellation);
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
