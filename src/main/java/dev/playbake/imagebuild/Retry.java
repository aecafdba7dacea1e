package dev.playbake.imagebuild;

import dev.playbake.runtime.RegistryException;

import java.util.function.Supplier;

/** Retries registry calls that failed for a reason that may pass, with backoff; wrong credentials fail at once. */
final class Retry {

    private static final int ATTEMPTS = 4;

    private Retry() {
    }

    static <T> T transientRegistry(Supplier<T> call, CancellationSignal cancellation) {
        long delay = 500;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RegistryException e) {
                if (e.kind() != RegistryException.Kind.TRANSIENT || attempt == ATTEMPTS || cancellation.isCanceled()) {
                    throw e;
                }
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(RegistryException.Kind.TRANSIENT, "interrupted while retrying");
            }
            delay *= 2;
        }
    }
}
