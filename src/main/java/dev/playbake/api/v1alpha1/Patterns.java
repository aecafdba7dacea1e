package dev.playbake.api.v1alpha1;

/** Regular expressions the CRD validates with, shared with the mapping that checks the same in code. */
public final class Patterns {

    /** A Go-style duration as Kubernetes users write them: 90s, 30m, 1h30m. */
    public static final String DURATION = "^([0-9]+(ms|s|m|h))+$";

    /** {@code [registry/]repository[:tag][@sha256:digest]} without whitespace. */
    public static final String IMAGE_REFERENCE =
            "^[a-zA-Z0-9][a-zA-Z0-9._/:-]*(@sha256:[0-9a-f]{64})?$";

    /**
     * A reference an image can be pushed as, in the grammar of Docker's distribution/reference: an optional
     * registry host[:port], lower-case path components, an optional tag of at most 128 characters; no scheme,
     * no digest. The 255-character limit on the repository name is checked in code (a pattern would repeat it).
     */
    public static final String OUTPUT_IMAGE = "^"
            + "(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(\\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
            + "(:[0-9]+)?/)?"
            + "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*"
            + "(:[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127})?$";

    private Patterns() {
    }
}
