package dev.playbake.engine;

import dev.playbake.modules.egress.EgressPolicy;
import dev.playbake.template.ControllerEnvironment;

import java.util.Map;

/**
 * What the controller (the process running the build) lends a playbook: where HTTP it makes for modules may
 * connect, and the environment {@code lookup('env')} and {@code expanduser} see.
 */
public record ControllerAccess(EgressPolicy egress, ControllerEnvironment environment) {

    /** The user's own machine, as the CLI runs: every address, the process's environment. */
    public static ControllerAccess open() {
        return new ControllerAccess(EgressPolicy.open(), ControllerEnvironment.process(Map.of()));
    }

    public ControllerAccess withEgress(EgressPolicy other) {
        return new ControllerAccess(other, environment);
    }

    public ControllerAccess withEnvironment(ControllerEnvironment other) {
        return new ControllerAccess(egress, other);
    }
}
