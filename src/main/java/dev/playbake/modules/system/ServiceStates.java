package dev.playbake.modules.system;

import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.ServiceStatePolicy;

/**
 * What service modules do with a running-state request in an image, where no init runs to act on it:
 * by default it is recorded (nothing starts; the task reports the status Ansible reports), under the
 * strict policy it fails.
 */
final class ServiceStates {

    private ServiceStates() {
    }

    /** What became of one request. */
    sealed interface Outcome {
    }

    /** Recorded and not applied; {@code changed} is the status Ansible reports, {@code note} goes into the result's msg. */
    record Recorded(boolean changed, String note) implements Outcome {
    }

    /** Refused by the strict policy. */
    record Refused(ModuleResult failure) implements Outcome {
    }

    /**
     * The outcome of one request under the build's policy.
     *
     * @param module  the module's name as the task called it
     * @param unit    the service, empty for a daemon request
     * @param request what was asked, e.g. {@code state: started} or {@code daemon_reload}
     * @param changed whether Ansible reports the request changed
     */
    static Outcome of(ModuleContext context, String module, String unit, String request, boolean changed) {
        String subject = unit.isEmpty() ? "" : " of '" + unit + "'";
        if (context.serviceState() == ServiceStatePolicy.RECORD) {
            String why = unit.isEmpty()
                    ? "no systemd runs in a build container; systemd reads the units when a container of the image boots it"
                    : "a build container runs no init and a running daemon is not part of an image; the image's init"
                    + " starts its enabled services when a container of it boots";
            return new Recorded(changed, request + subject + " recorded, not applied: " + why);
        }
        return new Refused(ModuleResult.failed(module + ": " + request + subject + " needs a running init (systemd or"
                + " sysvinit), and a build container runs none; this build's service state is strict (playbake build"
                + " --strict-service-state, or spec.serviceState: Strict in the ImageBuild). Without it the request is"
                + " recorded and reported as Ansible reports it, and nothing is started. Enabling (enabled: true) works"
                + " either way."));
    }

    /**
     * Whether asking a service that is (or is not) running for {@code state} changes it, as Ansible's
     * sysvinit and systemd modules decide: they always act on restarted and reloaded.
     */
    static boolean changes(String state, boolean running) {
        return switch (state) {
            case "started" -> !running;
            case "stopped" -> running;
            default -> true;
        };
    }
}
