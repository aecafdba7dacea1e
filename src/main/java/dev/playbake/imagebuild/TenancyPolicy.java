package dev.playbake.imagebuild;

import java.util.Objects;

/**
 * What a build may take from a shared Docker host and leave on it: the CLI's permissive way (the host is the
 * user's own), or the operator's, where every build belongs to a tenant that must not read another's images.
 *
 * @param baseImages       how the base image is found
 * @param debugImages      when a failed build's container is kept as a {@code -failed} image
 * @param pushDebugImages  whether a kept debug image of a build that pushes is pushed too, next to the image's
 *                         tag with the build's push credentials, for whoever cannot reach the Docker host
 * @param removeSuperseded whether a finished image whose last tag a new build took is removed from the host: a
 *                         factory's rebuilds would otherwise leave one dangling image per build, each pinning the
 *                         snapshot it was committed on (a person's host keeps them, as docker build does)
 */
public record TenancyPolicy(BaseImages baseImages, DebugImages debugImages, boolean pushDebugImages,
                            boolean removeSuperseded) {

    /**
     * The CLI's: an image on the host is used as it is, and a failed container is always kept, on the host only (the
     * user is at it).
     */
    public static final TenancyPolicy CLI = new TenancyPolicy(BaseImages.LOCAL_FIRST, DebugImages.ALWAYS, false);

    public TenancyPolicy {
        Objects.requireNonNull(baseImages, "baseImages");
        Objects.requireNonNull(debugImages, "debugImages");
    }

    /** Debug images stay on the Docker host. */
    public TenancyPolicy(BaseImages baseImages, DebugImages debugImages) {
        this(baseImages, debugImages, false);
    }

    /** Superseded finished images stay on the Docker host. */
    public TenancyPolicy(BaseImages baseImages, DebugImages debugImages, boolean pushDebugImages) {
        this(baseImages, debugImages, pushDebugImages, false);
    }

    /** How the base image is resolved. */
    public enum BaseImages {
        /** An image the host has under that name is used; otherwise it is pulled. */
        LOCAL_FIRST,
        /** Always pulled with the build's own credentials and pinned to the digest the registry served. */
        PULL,
        /**
         * As {@link #PULL}, except that an image only this host has (no registry digest, not made by playbake,
         * tagged with exactly that name) is used without a pull.
         */
        PULL_OR_LOCAL_ONLY
    }

    /** When a failed build leaves its container as a debug image. */
    public enum DebugImages {
        ALWAYS,
        /** Only when the build was given no secret vars: a debug image is never a copy of a secret. */
        WITHOUT_SECRETS,
        NEVER
    }
}
