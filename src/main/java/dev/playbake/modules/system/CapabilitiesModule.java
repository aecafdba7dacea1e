package dev.playbake.modules.system;

import dev.playbake.connection.ExecResult;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.Sh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.playbake.modules.Argument.str;

/**
 * {@code capabilities} (community.general): one file capability, read with the image's {@code getcap -v} and written
 * with its {@code setcap}, compared as community.general 6.6.2 compares them: as (name, operator, flags) exactly as
 * written, so {@code cap_x+ep}, which getcap prints as {@code cap_x=ep}, is changed on every run, as under Ansible.
 */
public final class CapabilitiesModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("path").required().aliases("key"), str("capability").required().aliases("cap"),
            str("state").defaultsTo("present").choices("absent", "present"));

    /** The operators in the order the module looks for them: the first found anywhere in the text wins. */
    private static final List<String> OPERATORS = List.of("=", "-", "+");

    /** Finds both tools as Ansible's get_bin_path does: PATH, then the sbin directories it lacks. */
    private static final String FIND_TOOLS = String.join("\n",
            "paths=\"$PATH\"",
            "for d in /sbin /usr/sbin /usr/local/sbin; do case \":$paths:\" in *\":$d:\"*) ;; "
                    + "*) [ -e \"$d\" ] && paths=\"$paths:$d\" ;; esac; done",
            "echo \"paths=$paths\"",
            "for c in getcap setcap; do f=; IFS=:; for d in $paths; do [ -n \"$d\" ] && [ -f \"$d/$c\" ] "
                    + "&& [ -x \"$d/$c\" ] && { f=\"$d/$c\"; break; }; done; unset IFS; echo \"$c=$f\"; done");

    /** One capability as the module holds it; operator and flags are empty for an absent one without them. */
    private record Cap(String name, String operator, String flags) {

        String text() {
            return name + operator + flags;
        }
    }

    @Override
    public String name() {
        return "capabilities";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String path = args.required("path").strip();
        String capability = args.required("capability").strip().toLowerCase(Locale.ROOT);
        String state = args.string("state", "present");
        Map<String, String> tools = tools(context);
        for (String tool : List.of("getcap", "setcap")) {
            if (tools.getOrDefault(tool, "").isEmpty()) {
                return ModuleResult.failed("Failed to find required executable \"" + tool + "\" in paths: "
                        + tools.getOrDefault("paths", ""));
            }
        }
        Cap wanted = parse(capability, state.equals("present"));
        // the module runs its command lines through shlex, the path unquoted: so does this
        ExecResult read = context.sh(Sh.join(Sh.split(tools.get("getcap") + " -v " + path)));
        if (read.exitCode() != 0 || !read.stderr().isEmpty()) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("stdout", read.stdout().strip());
            values.put("stderr", read.stderr());
            return ModuleResult.failed("Unable to get capabilities of " + path, values);
        }
        List<Cap> current = current(read.stdout(), path);
        if (state.equals("present") && !current.contains(wanted)) {
            if (context.checkMode()) {
                return changedWithoutState();
            }
            List<Cap> next = new ArrayList<>(current.stream().filter(c -> !c.name().equals(wanted.name())).toList());
            next.add(wanted);
            return set(context, tools.get("setcap"), path, next, state);
        }
        if (state.equals("absent") && current.stream().anyMatch(c -> c.name().equals(wanted.name()))) {
            if (context.checkMode()) {
                return changedWithoutState();
            }
            return set(context, tools.get("setcap"), path,
                    current.stream().filter(c -> !c.name().equals(wanted.name())).toList(), state);
        }
        return ModuleResult.changed(false, Map.of("state", state));
    }

    private static Map<String, String> tools(ModuleContext context) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String line : context.sh(FIND_TOOLS).stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                found.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return found;
    }

    private static ModuleResult changedWithoutState() {
        return ModuleResult.changed(true, Map.of("msg", "capabilities changed"));
    }

    /**
     * The module's parse: the first operator of {@code = - +} found splits name from flags; without one, an
     * error when one is required (present), else the name alone (absent).
     */
    private static Cap parse(String text, boolean operatorRequired) {
        Optional<String> operator = OPERATORS.stream().filter(text::contains).findFirst();
        if (operator.isEmpty()) {
            if (operatorRequired) {
                throw new ModuleException("Couldn't find operator (one of: ('=', '-', '+'))");
            }
            return new Cap(text, "", "");
        }
        String[] parts = text.split(java.util.regex.Pattern.quote(operator.get()), -1);
        if (parts.length != 2) {
            // the module unpacks the split into two names and dies with Python's error
            throw new ModuleException("MODULE FAILURE: ValueError: too many values to unpack (expected 2)");
        }
        return new Cap(parts[0], operator.get(), parts[1]);
    }

    /** What {@code getcap -v PATH} printed, read as the module reads the old ({@code PATH = caps}) and new output. */
    private static List<Cap> current(String stdout, String path) {
        List<Cap> caps = new ArrayList<>();
        if (stdout.strip().equals(path)) {
            return caps;
        }
        List<String> words;
        if (stdout.contains(" =")) {
            words = List.of(stdout.split(" =", -1)[1].strip().split("\\s+"));
        } else {
            String[] fields = stdout.strip().split("\\s+");
            // the module takes the second word only: later groups of getcap's output are not read
            words = fields.length > 1 ? List.of(fields[1]) : List.of();
        }
        for (String word : words) {
            String cap = word.toLowerCase(Locale.ROOT);
            if (cap.isEmpty()) {
                continue;
            }
            if (cap.contains(",")) {
                List<String> group = new ArrayList<>(List.of(cap.split(",", -1)));
                Cap last = parse(group.get(group.size() - 1), true);
                group.set(group.size() - 1, last.name());
                group.forEach(name -> caps.add(new Cap(name, last.operator(), last.flags())));
            } else {
                caps.add(parse(cap, true));
            }
        }
        return caps;
    }

    private static ModuleResult set(ModuleContext context, String setcap, String path, List<Cap> caps, String state) {
        String text = caps.stream().map(Cap::text).collect(Collectors.joining(" "));
        ExecResult result = context.sh(Sh.join(Sh.split(setcap + " '" + text + "' " + path)));
        if (result.exitCode() != 0) {
            return ModuleResult.failed("Unable to set capabilities of " + path,
                    Map.of("stdout", result.stdout(), "stderr", result.stderr()));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("state", state);
        values.put("msg", "capabilities changed");
        values.put("stdout", result.stdout());
        return ModuleResult.changed(true, values);
    }
}
