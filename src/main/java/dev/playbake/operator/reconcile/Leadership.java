package dev.playbake.operator.reconcile;

/**
 * Whether this process may act for its deployment now. Every write the reconciler makes (status, events) is fenced
 * by it: a replica that was frozen past its lease and wakes up must not overwrite what the new leader wrote.
 */
@FunctionalInterface
public interface Leadership {

    /** The only process of its deployment (leader election off): it always may. */
    Leadership SOLE = () -> true;

    /** Whether this process holds the lease now. */
    boolean held();
}
