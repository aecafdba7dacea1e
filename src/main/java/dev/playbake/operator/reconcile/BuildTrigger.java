package dev.playbake.operator.reconcile;

import dev.playbake.api.v1alpha1.ImageBuild;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;

import java.util.Set;

/**
 * Lets build threads ask for a reconcile of their ImageBuild, so that the reconciler stays the only writer
 * of status. JOSDK coalesces events that arrive while a reconcile runs, which throttles progress updates.
 */
public final class BuildTrigger extends AbstractEventSource<Void, ImageBuild> {

    private final Runnable onStart;

    /** @param onStart runs once when the controller starts, before any reconcile */
    public BuildTrigger(Runnable onStart) {
        super(Void.class, "playbake-builds");
        this.onStart = onStart;
    }

    @Override
    public void start() {
        onStart.run();
        super.start();
    }

    /** Builds are not Kubernetes resources: there is nothing to hand the reconciler as a secondary resource. */
    @Override
    public Set<Void> getSecondaryResources(ImageBuild primary) {
        return Set.of();
    }

    public void fire(String namespace, String name) {
        if (isRunning()) {
            getEventHandler().handleEvent(new Event(new ResourceID(name, namespace)));
        }
    }
}
