package dev.playbake.modules.system;

import dev.playbake.connection.ExecResult;
import dev.playbake.modules.ModuleContext;
import dev.playbake.python.Sh;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether an init.d service is running, decided as Ansible's sysvinit module decides it: from the
 * words of a one-line answer of {@code service NAME status}, else its exit code, else {@code ps}.
 */
final class SysvStatus {

    private static final List<String> STOPPED = List.of("stop", "is dead ", "dead but ", "could not access pid file",
            "inactive");
    private static final List<String> STARTED = List.of("run", "start", "active");
    /** Exit codes of a status command that mean "not running" (LSB's 1-4, and 69). */
    private static final List<Integer> NOT_RUNNING = List.of(1, 2, 3, 4, 69);

    private SysvStatus() {
    }

    /** Asks the service's status command, or {@code ps} for {@code pattern} when one is given. */
    static boolean running(ModuleContext context, String name, Optional<String> pattern) {
        if (pattern.isPresent()) {
            return inProcesses(context, pattern.get());
        }
        String n = Sh.quote(name);
        ExecResult status = context.sh("if command -v service >/dev/null 2>&1; then service " + n
                + " status; else /etc/init.d/" + n + " status; fi");
        return classify(name, status.exitCode(), status.stdout()).orElseGet(() -> inProcesses(context, name));
    }

    /** The answer of the status command's output and exit code; empty when neither says (Ansible then asks ps). */
    static Optional<Boolean> classify(String name, int exitCode, String stdout) {
        if (stdout.chars().filter(c -> c == '\n').count() <= 1) {
            String clean = stdout.toLowerCase(Locale.ROOT).replace(name.toLowerCase(Locale.ROOT), "");
            if (STOPPED.stream().anyMatch(clean::contains)) {
                return Optional.of(false);
            }
            if (STARTED.stream().anyMatch(clean::contains) && !clean.contains("not ")) {
                return Optional.of(true);
            }
        }
        if (NOT_RUNNING.contains(exitCode)) {
            return Optional.of(false);
        }
        return exitCode == 0 ? Optional.of(true) : Optional.empty();
    }

    private static boolean inProcesses(ModuleContext context, String pattern) {
        ExecResult ps = context.sh("ps auxww");
        return ps.succeeded() && ps.stdout().lines().anyMatch(line -> line.contains(pattern));
    }
}
