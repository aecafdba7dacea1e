package dev.playbake.operator.runtime;

import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.operator.reconcile.ImageBuildReconciler;
import dev.playbake.operator.reconcile.Leadership;
import dev.playbake.operator.reconcile.StatusPatch;
import dev.playbake.operator.reconcile.TrackedBuild;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a stopping operator does with its builds: cancel them (each removes its container), stop reconciling,
 * wait a bounded time for them to end, and record them Interrupted in status, so the next operator builds them
 * again. A build that has not ended by then keeps its container until the next operator's sweep.
 */
final class ShutdownDrain {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class);

    private final KubernetesClient client;
    private final ImageBuildReconciler reconciler;
    private final Duration timeout;
    private final Leadership leadership;

    /** @param leadership a replica that lost the lease records nothing: the new leader owns the status */
    ShutdownDrain(KubernetesClient client, ImageBuildReconciler reconciler, Duration timeout, Leadership leadership) {
        this.client = client;
        this.leadership = leadership;
        this.reconciler = reconciler;
        this.timeout = timeout;
    }

    /** @param stopReconciling stops the controller, between canceling the builds and waiting for them */
    void run(Runnable stopReconciling) {
        long start = System.nanoTime();
        List<TrackedBuild> interrupted = reconciler.interruptBuilds();
        stopReconciling.run();
        long deadline = start + timeout.toNanos();
        int ended = 0;
        for (TrackedBuild build : interrupted) {
            try {
                if (build.awaitEnd(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    ended++;
                    record(build);
                } else {
                    LOG.warnf("build %s of %s did not end within %s; its container stays until the next start",
                            build.plan().request().buildId(), build.plan().owner(), timeout);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!interrupted.isEmpty()) {
            LOG.infof("stopping: interrupted %d build(s), %d ended and removed their containers in %d ms", interrupted.size(),
                    ended, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void record(TrackedBuild build) {
        var target = build.plan().target();
        if (!leadership.held()) {
            LOG.infof("not recording %s/%s as Interrupted: this replica no longer holds the leader lease",
                    target.namespace(), target.name());
            return;
        }
        try {
            var resource = client.resources(ImageBuild.class).inNamespace(target.namespace()).withName(target.name());
            ImageBuild current = resource.get();
            if (current == null || !target.uid().equals(current.getMetadata().getUid())) {
                return;
            }
            reconciler.interruptedStatus(current).ifPresent(status ->
                    new StatusPatch(client).write(current, Optional.ofNullable(current.getStatus()), status));
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record %s/%s as Interrupted: %s", target.namespace(), target.name(), e.getMessage());
        }
    }
}
