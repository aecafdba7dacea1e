package dev.playbake.imagebuild;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Lets one thread ask a running build to stop; the build checks it between tasks and during execs. */
public final class CancellationSignal {

    private final AtomicReference<String> reason = new AtomicReference<>();

    /** Asks the build to stop; the first reason given wins. */
    public void cancel(String why) {
        reason.compareAndSet(null, why);
    }

    public boolean isCanceled() {
        return reason.get() != null;
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason.get());
    }
}
