package dev.playbake.api.v1alpha1;

/** Regular expressions the CRD validates with, shared with the mapping that checks the same in code. */
public final class Patterns {

    /** A Go-style duration as Kubernetes users write them: 90s, 30m, 1h30m. */
    public static final String DURATION = "^([0-9]+(ms|s|m|h))+$";

    /** {@code [registry/]repository[:tag][@sha256:digest]} without whitespace. */
    public static final String IMAGE_REFERENCE =
            "^[a-zA-Z0-9][a-zA-Z0-9._/:-]*(@sha256:[0-9a-f]{64})?$";

    private Patterns() {
    }
}
