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
     * Removes this operator's containers of ImageBuilds (an earlier run or leader died mid-build, a host was lost
     * mid-build) except those of builds running now; containers of the CLI, of other operators and of anything else
     * on the host are left alone.
     *
     * @param running whether a build (by its ID, label {@code playbake.dev/build}) runs now
     */
    int removeLeftovers(Predicate<String> running);
}
