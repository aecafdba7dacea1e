package dev.playbake.operator.reconcile;

import java.util.function.Predicate;

/** Removes the build containers this operator left behind, found by their labels. */
public interface ContainerCleaner {

    /**
     * Removes every container of this operator for this owner ({@code namespace/name}) on every Docker host;
     * returns within a bounded time even when a host does not answer, and reports how many it removed.
     */
    int removeContainersOf(String owner);

    /**
     * Removes this operator's containers (an earlier run died mid-build) except those of owners it is building
     * now; containers of the CLI, of other operators and of anything else on the host are left alone.
     *
     * @param building whether this operator is building the owner ({@code namespace/name}) now
     */
    int removeLeftovers(Predicate<String> building);
}
