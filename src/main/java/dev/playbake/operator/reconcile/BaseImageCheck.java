package dev.playbake.operator.reconcile;

/** What one look at a base image's registry found: the digest its reference names now, or why it could not tell. */
public sealed interface BaseImageCheck {

    /** The reference looked up, as spec.baseImage has it. */
    String reference();

    /** The registry named this manifest digest. */
    record Digest(String reference, String digest) implements BaseImageCheck {
    }

    /**
     * The registry could not be asked or refused to answer; {@code message} says which and names the reference
     * ({@code digest lookup of REF: …}), for the event and the log.
     */
    record Failed(String reference, String message) implements BaseImageCheck {
    }
}
