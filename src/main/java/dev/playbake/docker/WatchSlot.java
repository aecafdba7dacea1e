package dev.playbake.docker;

import dev.playbake.connection.OutputWatcher;
import dev.playbake.connection.Watch;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one watcher a connection hands running commands' lines to. A line reaches it only while its watch is open,
 * and a watcher that fails is dropped: showing lines is never worth failing the command that writes them.
 */
final class WatchSlot {

    private final AtomicReference<Guarded> installed = new AtomicReference<>();

    /** Installs {@code watcher} in place of any other, until the handle is closed. */
    Watch install(OutputWatcher watcher) {
        Guarded guarded = new Guarded(watcher);
        Guarded before = installed.getAndSet(guarded);
        if (before != null) {
            before.open = false;
        }
        return () -> {
            guarded.open = false;
            installed.compareAndSet(guarded, null);
        };
    }

    /** The installed watcher, for the command about to run; empty when none is. */
    Optional<OutputWatcher> active() {
        return Optional.ofNullable(installed.get());
    }

    private static final class Guarded implements OutputWatcher {
        private final OutputWatcher watcher;
        private volatile boolean open = true;

        Guarded(OutputWatcher watcher) {
            this.watcher = watcher;
        }

        @Override
        public void line(boolean stderr, String line) {
            if (!open) {
                return;
            }
            try {
                watcher.line(stderr, line);
            } catch (RuntimeException e) {
                open = false;
            }
        }
    }
}
