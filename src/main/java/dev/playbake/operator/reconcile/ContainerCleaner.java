package dev.playbake.operator.reconcile;

/** Removes build containers left behind, found by their {@code playbake.dev/owner} label. */
public interface ContainerCleaner {

    /**
     * Removes every container of this owner on every Docker host; returns within a bounded time even when
     * a host does not answer, and reports how many it removed.
     */
    int removeContainersOf(String owner);

    /**
     * Removes every container of an operator build (any owner but {@code cli}); called once when the controller
     * starts, when no build of this process runs yet.
     */
    int removeOperatorContainers();
}
