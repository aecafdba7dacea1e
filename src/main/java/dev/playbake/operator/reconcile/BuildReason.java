package dev.playbake.operator.reconcile;

import java.util.Arrays;
import java.util.Optional;

/** Why a build started, as status.buildReason names it; a retry or a restart keeps the reason of the build it repeats. */
public enum BuildReason {
    /** A new set of inputs: the spec, the playbook, a file, a secret value or the rebuild token; the first build too. */
    InputsChanged,
    /** The base image's tag names a digest other than the one the last build started from. */
    BaseImageUpdated;

    /** The reason a status names; a status without one (or with an unknown one) is taken as InputsChanged. */
    static BuildReason of(String name) {
        return Optional.ofNullable(name).flatMap(n -> Arrays.stream(values()).filter(r -> r.name().equals(n)).findFirst())
                .orElse(InputsChanged);
    }
}
