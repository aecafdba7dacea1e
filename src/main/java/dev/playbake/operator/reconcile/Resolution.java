package dev.playbake.operator.reconcile;

import dev.playbake.api.ResolvedInputs;

/** The outcome of reading what an ImageBuild refers to: the contents, or what is missing. */
public sealed interface Resolution {

    /** Everything referenced was read. */
    record Resolved(ResolvedInputs inputs) implements Resolution {
    }

    /**
     * Something referenced does not exist (yet); no build can start.
     *
     * @param reason  {@link StatusReason#SecretNotFound} or {@link StatusReason#InvalidSpec}
     * @param message which object or key is missing
     */
    record Missing(StatusReason reason, String message) implements Resolution {
    }
}
