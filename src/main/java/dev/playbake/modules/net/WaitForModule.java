package dev.playbake.modules.net;

import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.PyRegex;
import dev.playbake.python.Sh;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.playbake.modules.Argument.integer;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/**
 * {@code wait_for}: a path or a port inside the build container. Ports are read from
 * /proc/net/tcp and tcp6, so the image needs no networking tools; other hosts are out of a build's
 * reach and an error.
 */
public final class WaitForModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("host"), integer("timeout"), str("connect_timeout"), integer("delay"), integer("port"),
            str("active_connection_states"), path("path"), str("search_regex"),
            str("state").choices("absent", "drained", "present", "started", "stopped"), str("exclude_hosts"),
            integer("sleep"), str("msg"));

    private static final List<String> LOCAL_HOSTS = List.of("127.0.0.1", "localhost", "0.0.0.0", "::1", "::");
    private static final List<String> ACTIVE = List.of("ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2", "SYN_RECV",
            "SYN_SENT", "TIME_WAIT");
    /** /proc/net/tcp's state codes. */
    private static final Map<String, String> TCP_STATES = Map.of("01", "ESTABLISHED", "02", "SYN_SENT",
            "03", "SYN_RECV", "04", "FIN_WAIT1", "05", "FIN_WAIT2", "06", "TIME_WAIT", "0A", "LISTEN");
    private static final String ABSENT = "__playbake_absent__";

    @Override
    public String name() {
        return "wait_for";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        if (context.checkMode()) {
            return ModuleResult.ok(Map.of("skipped", true, "msg", "remote module (wait_for) does not support check mode"));
        }
        Args args = context.arguments();
        String host = args.string("host", "127.0.0.1");
        int timeout = args.integer("timeout").orElse(300);
        int delay = args.integer("delay").orElse(0);
        int sleep = Math.max(args.integer("sleep").orElse(1), 0);
        Optional<Integer> port = args.integer("port");
        Optional<String> path = args.string("path").filter(p -> !p.isEmpty());
        Optional<String> searchRegex = args.string("search_regex");
        String state = args.string("state", "started");
        Optional<String> msg = args.string("msg");
        if (port.isPresent() && path.isPresent()) {
            return failed("port and path parameter can not both be passed to wait_for", 0);
        }
        if (path.isPresent() && (state.equals("stopped") || state.equals("drained"))) {
            return failed("state=" + state + " should only be used for checking a port in the wait_for module", 0);
        }
        if (port.isPresent() && !LOCAL_HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
            throw new ModuleException("wait_for: host '" + host + "' is outside the build container; a build can "
                    + "only wait for ports inside it (host: 127.0.0.1)");
        }
        if (searchRegex.isPresent() && port.isPresent()) {
            throw new ModuleException("wait_for: search_regex on a port reads what a server sends, which playbake "
                    + "does not do; wait for the port, then check the service with a command task");
        }
        Pattern regex = searchRegex.map(r -> PyRegex.compile(r, Pattern.MULTILINE).pattern()).orElse(null);
        List<String> activeStates = args.has("active_connection_states") ? args.list("active_connection_states")
                : ACTIVE;

        long start = System.nanoTime();
        pause(Duration.ofSeconds(delay));
        long end = start + Duration.ofSeconds(timeout).toNanos();
        Map<String, Object> values = new LinkedHashMap<>();
        List<Object> groups = new ArrayList<>();
        Map<String, Object> groupDict = new LinkedHashMap<>();
        if (port.isEmpty() && path.isEmpty() && !state.equals("drained")) {
            pause(Duration.ofSeconds(timeout));
        } else {
            boolean done = false;
            while (System.nanoTime() < end) {
                if (path.isPresent()) {
                    String p = Sh.quote(path.get());
                    boolean wantGone = state.equals("absent");
                    if (wantGone || regex == null) {
                        boolean exists = context.sh("[ -e " + p + " ]").exitCode() == 0;
                        done = wantGone != exists;
                    } else {
                        var read = context.sh("if [ -e " + p + " ]; then cat " + p + "; else echo " + ABSENT + "; fi");
                        if (!read.stdout().equals(ABSENT + "\n")) {
                            Matcher m = regex.matcher(read.stdout());
                            if (m.find()) {
                                for (int g = 1; g <= m.groupCount(); g++) {
                                    groups.add(m.group(g));
                                }
                                namedGroups(searchRegex.get(), m, groupDict);
                                done = true;
                            }
                        }
                    }
                } else {
                    Map<String, Integer> sockets = sockets(context, port.orElse(0), activeStates);
                    done = switch (state) {
                        case "stopped", "absent" -> sockets.get("listen") == 0;
                        case "drained" -> sockets.get("active") == 0;
                        default -> sockets.get("listen") > 0;
                    };
                }
                if (done) {
                    break;
                }
                pause(Duration.ofSeconds(sleep));
            }
            if (!done) {
                long elapsed = Duration.ofNanos(System.nanoTime() - start).toSeconds();
                String where = host + ":" + port.orElse(0);
                String reason = switch (state) {
                    case "absent", "stopped" -> path.isPresent() ? "Timeout when waiting for " + path.get()
                            + " to be absent." : "Timeout when waiting for " + where + " to stop.";
                    case "drained" -> "Timeout when waiting for " + where + " to drain";
                    default -> path.isEmpty() ? "Timeout when waiting for " + where
                            : searchRegex.isPresent() ? "Timeout when waiting for search string " + searchRegex.get()
                            + " in " + path.get() : "Timeout when waiting for file " + path.get();
                };
                return failed(msg.orElse(reason), elapsed);
            }
        }
        values.put("state", state);
        values.put("port", port.orElse(null));
        values.put("search_regex", searchRegex.orElse(null));
        values.put("match_groups", groups);
        values.put("match_groupdict", groupDict);
        values.put("path", path.orElse(null));
        values.put("elapsed", Duration.ofNanos(System.nanoTime() - start).toSeconds());
        if (path.isPresent()) {
            // Ansible adds a result's path's attributes, its state ("file", "absent") replacing wait_for's
            values.putAll(RemoteFile.read(context, path.get(), false).describe());
        }
        return ModuleResult.ok(values);
    }

    private static ModuleResult failed(String message, long elapsed) {
        return ModuleResult.failed(message, Map.of("elapsed", elapsed));
    }

    private static void namedGroups(String python, Matcher m, Map<String, Object> out) {
        PyRegex regex = PyRegex.compile(python, 0);
        Matcher names = Pattern.compile("\\(\\?P<([A-Za-z_][A-Za-z0-9_]*)>").matcher(python);
        while (names.find()) {
            out.put(names.group(1), m.group(regex.group(names.group(1))));
        }
    }

    /** Sockets on the port: how many listen, how many are in one of the active states. */
    private static Map<String, Integer> sockets(ModuleContext context, int port, List<String> activeStates) {
        var result = context.sh("cat /proc/net/tcp /proc/net/tcp6 2>/dev/null");
        String hexPort = String.format(":%04X", port);
        int listen = 0;
        int active = 0;
        for (String line : result.stdout().split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 4 || !f[1].toUpperCase(Locale.ROOT).endsWith(hexPort)) {
                continue;
            }
            String tcpState = TCP_STATES.getOrDefault(f[3].toUpperCase(Locale.ROOT), "");
            if (tcpState.equals("LISTEN")) {
                listen++;
            } else if (activeStates.contains(tcpState)) {
                active++;
            }
        }
        return Map.of("listen", listen, "active", active);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("wait_for was interrupted");
        }
    }
}
