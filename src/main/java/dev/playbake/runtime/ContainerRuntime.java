package dev.playbake.runtime;

import dev.playbake.connection.Connection;
import dev.playbake.image.RegistryCredentials;

import java.util.List;
import java.util.Optional;

/**
 * The host build containers run on. Calls throw {@link HostUnavailableException} when the host does not
 * answer, and {@link RegistryException} for a pull or push the registry refused.
 */
public interface ContainerRuntime {

    /** Creates and starts a working container that stays up until removed; returns its ID. */
    String startContainer(ContainerSpec spec);

    /** A connection that runs commands in the container and moves files in and out of it. */
    Connection connection(String containerId);

    /** Removes a container and its anonymous volumes; a container that is already gone is fine. */
    void removeContainer(String containerId);

    /** Whether the container exists and runs: false once something outside the build removed or stopped it. */
    boolean isRunning(String containerId);

    /** All containers, running or not, that carry the label ({@code key} or {@code key=value}). */
    List<ContainerSummary> containersLabelled(String label);

    /** Commits a container as an image with exactly these settings; returns the image ID. */
    default String commit(String containerId, ImageSettings settings) {
        return commit(containerId, settings, false);
    }

    /**
     * Commits a container as an image with exactly these settings; returns the image ID. {@code quiescent}: the
     * caller knows nothing in the container is writing, so the runtime need not freeze it for a consistent copy.
     */
    String commit(String containerId, ImageSettings settings, boolean quiescent);

    /** Commits a container's filesystem as a single-layer image without configuration; returns its ID. */
    String flatten(String containerId, String repository);

    /** How many filesystem layers an image has. */
    int layerCount(String image);

    /** The image as the runtime describes it, or empty when it does not have it. */
    Optional<ImageInfo> inspectImage(String reference);

    /** Local images carrying the label ({@code key} or {@code key=value}), newest first. */
    List<ImageSummary> imagesLabelled(String label);

    /** Every local image, newest first: one listing costs what a filtered one does, the daemon walks them all. */
    List<ImageSummary> images();

    /** Points a reference at an image. */
    void tag(String image, String reference);

    /** Removes an image reference (and the image when nothing else refers to it); a missing one is fine. */
    void removeImage(String reference);

    /** Pushes a tag with exactly these credentials and returns the manifest digest the registry reported. */
    String push(String reference, Optional<RegistryCredentials> credentials);

    /**
     * Pulls a reference (by tag or by digest) with exactly these credentials, never any the process has of its own,
     * and returns the manifest digest ({@code sha256:…}) the registry served.
     */
    String pull(String reference, Optional<RegistryCredentials> credentials);

    /**
     * The manifest digest ({@code sha256:…}) the registry serves for a reference now, asked with exactly these
     * credentials and without pulling anything.
     */
    String registryDigest(String reference, Optional<RegistryCredentials> credentials);
}
