package dev.playbake.imagebuild;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** Lets one thread ask a running build to stop; the build checks it between tasks and during execs. */
public final class CancellationSignal {

    private final AtomicReference<String> reason = new AtomicReference<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** Asks the build to stop; the first reason given wins. */
    public void cancel(String why) {
        if (reason.compareAndSet(null, why)) {
            listeners.forEach(listener -> listener.accept(why));
        }
    }

    /**
     * Runs {@code listener} with the reason once the build is canceled (at once when it already is), on the
     * canceling thread: it must return quickly.
     */
    public void whenCanceled(Consumer<String> listener) {
        listeners.add(listener);
        String already = reason.get();
        if (already != null && listeners.remove(listener)) {
            listener.accept(already);
        }
    }

    public boolean isCanceled() {
        return reason.get() != null;
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason.get());
    }
}
