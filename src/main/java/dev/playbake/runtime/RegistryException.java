package dev.playbake.runtime;

/** A push or pull failed; {@link #kind()} tells a caller whether retrying can help. */
public class RegistryException extends RuntimeException {

    /** Why a registry operation failed. */
    public enum Kind {
        /** The registry refused the credentials: retrying will not help. */
        UNAUTHORIZED,
        /** The image or tag does not exist. */
        NOT_FOUND,
        /** Network, TLS or server trouble: may pass on a retry. */
        TRANSIENT
    }

    private final Kind kind;

    public RegistryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
