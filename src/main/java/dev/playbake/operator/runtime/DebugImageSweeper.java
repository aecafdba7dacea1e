package dev.playbake.operator.runtime;

import dev.playbake.docker.DockerHost;
import dev.playbake.imagebuild.cache.Labels;
import dev.playbake.runtime.ContainerRuntime;
import dev.playbake.runtime.ImageSummary;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Removes this operator's {@code -failed} debug images once they are older than the retention, on every Docker
 * host, found by their labels: debug images of other operators and of the CLI are never touched.
 */
public final class DebugImageSweeper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DebugImageSweeper.class);

    private final Map<String, String> hostUris;
    private final OperatorInstance instance;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "playbake-debug-image-sweep");
        thread.setDaemon(true);
        return thread;
    });

    /** @param hostUris Docker host URIs by name */
    public DebugImageSweeper(Map<String, String> hostUris, OperatorInstance instance, Duration retention, Clock clock) {
        this.hostUris = Map.copyOf(hostUris);
        this.instance = instance;
        this.retention = retention;
        this.clock = clock;
    }

    /** Sweeps now, then every tenth of the retention (1 min to 1 h): no image outlives it by more than that. */
    public void start() {
        long seconds = Math.max(60, Math.min(3600, retention.toSeconds() / 10));
        timer.scheduleWithFixedDelay(this::sweepAll, 0, seconds, TimeUnit.SECONDS);
    }

    /** One sweep of every host; a host that does not answer is tried again next time. */
    void sweepAll() {
        hostUris.forEach((name, uri) -> {
            try (DockerHost docker = DockerHost.connect(uri)) {
                int removed = sweep(docker);
                if (removed > 0) {
                    LOG.infof("removed %d debug image(s) older than %s on Docker host %s", removed, retention, name);
                }
            } catch (RuntimeException e) {
                LOG.warnf("could not sweep debug images on Docker host %s: %s", name, e.getMessage());
            }
        });
    }

    /** Removes this operator's debug images older than the retention on one runtime; returns how many. */
    public int sweep(ContainerRuntime runtime) {
        Instant before = clock.instant().minus(retention);
        List<ImageSummary> expired = runtime.imagesLabelled(Labels.DEBUG_IMAGE + "=true").stream()
                .filter(image -> instance.name().equals(image.labels().get(OperatorInstance.LABEL)))
                .filter(image -> !image.created().isAfter(before))
                .toList();
        for (ImageSummary image : expired) {
            image.tags().forEach(runtime::removeImage);
            runtime.removeImage(image.id());
        }
        return expired.size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
