package dev.playbake.imagebuild;

import dev.playbake.image.ImageReference;
import dev.playbake.imagebuild.cache.Labels;
import dev.playbake.imagebuild.cache.LayerCache;
import dev.playbake.runtime.ContainerLimits;
import dev.playbake.runtime.ContainerRuntime;
import dev.playbake.runtime.ContainerSpec;
import dev.playbake.runtime.HostUnavailableException;
import dev.playbake.runtime.ImageSettings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one container a build runs in, at most one at a time: started, swapped for a squashed copy, committed,
 * and removed on every path out of the build (also by the cancel watcher, from another thread).
 */
final class WorkingContainer {

    private final ContainerRuntime runtime;
    private final Map<String, String> labels;
    private final ContainerLimits limits;
    private final BuildReporter reporter;
    private volatile String id;  // null while none runs
    private String image;
    private SwitchableConnection connection;

    WorkingContainer(ContainerRuntime runtime, Map<String, String> labels, ContainerLimits limits,
                     BuildReporter reporter) {
        this.runtime = runtime;
        this.labels = Map.copyOf(labels);
        this.limits = limits;
        this.reporter = reporter;
    }

    /** Starts the container from an image with the process settings of the build's base image. */
    void start(String from, ImageSettings process) {
        image = from;
        id = runtime.startContainer(new ContainerSpec(from, labels, Optional.of(process), limits));
        connection = new SwitchableConnection(runtime.connection(id));
    }

    /** The connection the engine uses; it follows the build onto the squashed container. */
    SwitchableConnection connection() {
        return connection;
    }

    String id() {
        return id;
    }

    /** The image the running container was started from. */
    String image() {
        return image;
    }

    /** Commits the container; {@code quiescent} as {@link ContainerRuntime#commit(String, ImageSettings, boolean)}. */
    String commit(ImageSettings settings, boolean quiescent) {
        return runtime.commit(id, settings, quiescent);
    }

    /** Whether nothing of the build's runs in the container now, so a commit need not freeze it. */
    boolean quiescent() {
        return connection.quiescent();
    }

    /**
     * Squashes the container into a one-layer image and moves the build onto a new container from it, so
     * long builds stay under overlay2's layer limit.
     */
    void squash(String buildId, ImageSettings process) {
        String name = "playbake-squash/" + LayerCache.repositoryName(buildId) + ":latest";
        moveTo(runtime.flatten(id, name), process);
        reporter.log("squashed the build into one layer to stay under the layer limit");
    }

    /**
     * Moves the build onto a new container from a snapshot it just took: a commit writes everything the container
     * changed since it started, so after a large step every later commit would copy that step again.
     */
    void rebase(String snapshot, ImageSettings process) {
        moveTo(snapshot, process);
    }

    /** Continues the build in a new container from an image: the engine's connection follows, the old one goes. */
    private void moveTo(String next, ImageSettings process) {
        image = next;
        String old = id;
        id = runtime.startContainer(new ContainerSpec(next, labels, Optional.of(process), limits));
        connection.switchTo(runtime.connection(id));
        runtime.removeContainer(old);
    }

    /** Commits the failed container as {@code <primary repository>:<tag>-failed} for a person to look into. */
    Optional<String> keepForDebugging(ImageSettings base, String primaryTag) {
        try {
            // the container's labels (its build, owner, operator) and the mark say whose debug image it is,
            // so that a retention sweep can find it
            Map<String, String> marked = new LinkedHashMap<>(base.labels());
            marked.putAll(labels);
            marked.put(Labels.DEBUG_IMAGE, "true");
            String imageId = runtime.commit(id, base.withLabels(marked), quiescent());
            ImageReference ref = ImageReference.parse(primaryTag);
            String debugTag = ref.repository() + ":" + (ref.tagOrLatest().isEmpty() ? "latest" : ref.tagOrLatest())
                    + "-failed";
            runtime.tag(imageId, debugTag);
            return Optional.of(debugTag);
        } catch (RuntimeException e) {
            reporter.log("could not keep the failed container as a debug image: " + RuntimeMessages.of(e));
            return Optional.empty();
        }
    }

    /** Whether the container still runs; a host that does not answer counts as not. */
    boolean isRunning() {
        String current = id;
        try {
            return current != null && runtime.isRunning(current);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Removes the container as soon as the build is canceled, so a task in flight stops at once. */
    void removeIfCanceled(CancellationSignal cancellation) {
        if (cancellation.isCanceled() && id != null) {
            remove();
        }
    }

    synchronized void remove() {
        String current = id;
        if (current == null) {
            return;
        }
        try {
            runtime.removeContainer(current);
            id = null;
        } catch (HostUnavailableException e) {
            // asking a silent host again would hold the build thread once more for nothing
            id = null;
            reporter.log("could not remove build container " + current.substring(0, 12) + ": "
                    + RuntimeMessages.of(e) + "; it is left to the sweep of leftover containers");
        } catch (RuntimeException e) {
            reporter.log("could not remove build container " + current.substring(0, 12) + ": "
                    + RuntimeMessages.of(e));
        }
    }
}
