package dev.playbake.imagebuild;

import dev.playbake.image.ImageReference;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.runtime.ContainerRuntime;
import dev.playbake.runtime.ImageInfo;
import dev.playbake.runtime.RegistryException;

import java.util.List;
import java.util.Optional;

/**
 * Finds a build's base image as its {@link TenancyPolicy.BaseImages} says. Under the tenant policies an image is used
 * only as far as the build's own credentials can pull it from its registry, and then by the digest that pull
 * served, so an image another build left on the host (pulled or pushed with other credentials, a snapshot, a debug
 * image) is never read by naming it.
 */
final class BaseImages {

    /** Repositories playbake makes on the host itself (snapshots, squashes): never a base image under a tenant policy. */
    static final List<String> RESERVED = List.of("playbake-cache/", "playbake-squash/");
    private static final String PLAYBAKE_LABELS = "playbake.dev/";

    private final ContainerRuntime runtime;
    private final TenancyPolicy.BaseImages policy;
    private final Optional<RegistryCredentials> credentials;
    private final Runnable pulling;

    BaseImages(ContainerRuntime runtime, TenancyPolicy.BaseImages policy, Optional<RegistryCredentials> credentials) {
        this(runtime, policy, credentials, () -> { });
    }

    /** @param pulling told just before a pull begins */
    BaseImages(ContainerRuntime runtime, TenancyPolicy.BaseImages policy, Optional<RegistryCredentials> credentials,
               Runnable pulling) {
        this.runtime = runtime;
        this.policy = policy;
        this.credentials = credentials;
        this.pulling = pulling;
    }

    /**
     * A base image as found.
     *
     * @param image  the image on the host
     * @param digest the registry manifest digest it was pulled as; empty when it was not pulled
     */
    record Found(ImageInfo image, Optional<String> digest) {
    }

    /**
     * The image to start from.
     *
     * @throws RegistryException NOT_FOUND or UNAUTHORIZED when the image may not be used, TRANSIENT when the
     *                           registry could not be asked
     */
    Found resolve(String reference) {
        ImageReference ref = ImageReference.parse(reference);
        if (policy == TenancyPolicy.BaseImages.LOCAL_FIRST) {
            return runtime.inspectImage(reference).map(BaseImages::local).orElseGet(() -> pulled(ref));
        }
        if (RESERVED.stream().anyMatch(ref.repository()::startsWith)) {
            throw new RegistryException(RegistryException.Kind.NOT_FOUND, "base image " + reference
                    + " is not usable: " + ref.repository().substring(0, ref.repository().indexOf('/') + 1)
                    + " names playbake's own images on the Docker host, which serve only the builds that made them");
        }
        if (policy == TenancyPolicy.BaseImages.PULL_OR_LOCAL_ONLY) {
            Optional<ImageInfo> local = runtime.inspectImage(reference).filter(image -> localOnly(image, ref));
            if (local.isPresent()) {
                return local(local.get());
            }
        }
        try {
            return pulled(ref);
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.TRANSIENT) {
                throw e;
            }
            throw new RegistryException(e.kind(), "base image " + reference + " could not be pulled with this build's "
                    + "own registry credentials" + (credentials.isEmpty() ? " (it has none for "
                    + ref.registryHost().orElse("docker.io") + ")" : "") + ", and a build starts only from an image "
                    + "those credentials can pull: " + e.getMessage());
        }
    }

    /**
     * Whether the host has the image only by this name and from nowhere else: no registry digest of this
     * repository (a copy pushed elsewhere under another name does not make the name a registry's), nothing playbake
     * made (its snapshots, results and debug images carry {@code playbake.dev/} labels), and tagged with the name
     * itself rather than found by an image ID.
     */
    static boolean localOnly(ImageInfo image, ImageReference ref) {
        String name = ref.digest().isEmpty() ? ref.repository() + ":" + ref.tagOrLatest() : "";
        return image.digests().stream().noneMatch(digest -> digest.startsWith(ref.repository() + "@"))
                && image.tags().contains(name)
                && image.settings().labels().keySet().stream().noneMatch(key -> key.startsWith(PLAYBAKE_LABELS));
    }

    private static Found local(ImageInfo image) {
        return new Found(image, Optional.empty());
    }

    /** Pulls the reference and returns the image the registry served, found by its digest rather than by name. */
    private Found pulled(ImageReference ref) {
        pulling.run();
        String digest = runtime.pull(ref.toString(), credentials);
        String pinned = ref.withDigest(digest);
        return new Found(runtime.inspectImage(pinned).orElseThrow(() -> new RegistryException(
                RegistryException.Kind.TRANSIENT, "pulled " + pinned + " but the Docker host does not have it")),
                Optional.of(digest));
    }
}
