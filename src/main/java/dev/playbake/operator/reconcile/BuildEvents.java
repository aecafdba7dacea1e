package dev.playbake.operator.reconcile;

/** Kubernetes events on an ImageBuild: start, failure, push, cancel. */
public interface BuildEvents {

    /**
     * Records an event on the resource.
     *
     * @param target  the ImageBuild
     * @param warning a Warning rather than a Normal event
     * @param reason  one CamelCase word
     * @param message for people, secret values already masked
     */
    void record(EventTarget target, boolean warning, String reason, String message);

    /**
     * The object an event is about.
     *
     * @param namespace its namespace
     * @param name      its name
     * @param uid       its UID, so the event stays with this object and not a later one of the same name
     */
    record EventTarget(String namespace, String name, String uid) {
    }
}
