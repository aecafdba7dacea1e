package dev.playbake.operator.reconcile;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Test doubles that record what the reconciler asked of the outside world. */
final class Recorders {

    private Recorders() {
    }

    /** Records container removals. */
    static final class Cleaner implements ContainerCleaner {
        final List<String> removedOwners = new CopyOnWriteArrayList<>();
        int sweeps;

        @Override
        public int removeContainersOf(String owner) {
            removedOwners.add(owner);
            return 1;
        }

        @Override
        public int removeLeftovers(Predicate<String> running) {
            sweeps++;
            return 0;
        }
    }

    /** Records events as {@code Normal|Warning reason: message}. */
    static final class Events implements BuildEvents {
        final List<String> recorded = new CopyOnWriteArrayList<>();

        @Override
        public void record(EventTarget target, boolean warning, String reason, String message) {
            recorded.add((warning ? "Warning " : "Normal ") + reason + ": " + message);
        }

        boolean has(String prefix) {
            return recorded.stream().anyMatch(e -> e.startsWith(prefix));
        }
    }
}
