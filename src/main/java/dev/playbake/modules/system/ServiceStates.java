package dev.playbake.modules.system;

import dev.playbake.modules.ModuleContext;
import java.util.Optional;

/** What service modules do with a running-state request in an image, where no init runs to act on it. */
final class ServiceStates {

    private ServiceStates() {
    }

    /**
     * The note a result carries when the build ignores service state, or the failure when it does not.
     *
     * @param module  the module's name as the task called it
     * @param request what was asked, e.g. {@code state: started} or {@code daemon_reload}
     */
    static Outcome of(ModuleContext context, String module, String unit, String request) {
        String subject = unit.isEmpty() ? "" : " of '" + unit + "'";
        if (context.ignoreServiceState()) {
            return new Outcome(Optional.of(request + subject + " not applied: the build ignores service state"
                    + " (a build container runs no init; the image's own init applies it when a container starts)"),
                    Optional.empty());
        }
        return new Outcome(Optional.empty(), Optional.of(module + ": " + request + subject + " needs a running init"
                + " (systemd or sysvinit), and a build container runs none. Enabling (enabled: true) works in an image;"
                + " to build with this task as it is, turn on the ignore-service-state setting (playbake build"
                + " --ignore-service-state, or spec.ignoreServiceState: true in the ImageBuild), which reports it ok"
                + " without applying it."));
    }

    /** A note to add to an ok result, or a failure message; exactly one is present. */
    record Outcome(Optional<String> note, Optional<String> failure) {
    }
}
