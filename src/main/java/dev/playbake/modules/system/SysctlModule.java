package dev.playbake.modules.system;

import dev.playbake.connection.FileEntry;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.PyStrings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.str;

/**
 * {@code sysctl} (ansible.posix), the part that can apply to an image: the sysctl file. Setting or
 * reloading kernel parameters would change the kernel of the machine running the build, not the
 * image, so those fail with what to do instead.
 */
public final class SysctlModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("name").required().aliases("key"), str("value").aliases("val"), str("state"), bool("reload"),
            bool("sysctl_set"), str("ignoreerrors"), str("sysctl_file"));

    private static final Set<String> TRUE = Set.of("y", "yes", "on", "1", "true", "t", "1.0");
    private static final Set<String> FALSE = Set.of("n", "no", "off", "0", "false", "f", "0.0");

    @Override
    public String name() {
        return "sysctl";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String name = args.string("name").orElseThrow().strip();
        String state = args.string("state", "present");
        Object rawValue = args.has("value") ? args.raw("value") : args.raw("val");
        if (state.equals("present") && rawValue == null) {
            return ModuleResult.failed("state is present but all of the following are missing: value");
        }
        if (name.isEmpty()) {
            return ModuleResult.failed("name cannot be blank");
        }
        if (args.bool("sysctl_set", false) || args.bool("reload", true)) {
            return ModuleResult.failed("sysctl: " + name + " is a kernel parameter, and the kernel is the build machine's,"
                    + " not the image's: a container gets its sysctls when it starts (docker run --sysctl, a pod's"
                    + " securityContext.sysctls). To ship the setting as a file in the image, set sysctl_set: false and"
                    + " reload: false, which writes only " + args.string("sysctl_file", "/etc/sysctl.conf") + ".");
        }
        String value = value(rawValue);
        if (state.equals("present") && value.isEmpty()) {
            return ModuleResult.failed("value cannot be blank");
        }
        String file = args.string("sysctl_file", "/etc/sysctl.conf");
        RemoteFile existing = RemoteFile.read(context, file, false);
        String text = existing.isFile()
                ? context.connection().fetch(file).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("") : "";
        List<String> lines = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : PyStrings.linesKeepingEnds(text)) {
            String stripped = line.strip();
            lines.add(stripped);
            if (!isSetting(stripped)) {
                continue;
            }
            String[] kv = stripped.split("=", 2);
            values.put(kv[0].strip(), kv[1].strip());
        }
        List<String> fixed = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        for (String line : lines) {
            if (!isSetting(line)) {
                fixed.add(line);
                continue;
            }
            String[] kv = line.split("=", 2);
            String k = kv[0].strip();
            if (!checked.contains(k)) {
                checked.add(k);
                if (!k.equals(name)) {
                    fixed.add(k + "=" + kv[1].strip());
                } else if (state.equals("present")) {
                    fixed.add(k + "=" + value);
                }
            }
        }
        if (!checked.contains(name) && state.equals("present")) {
            fixed.add(name + "=" + value);
        }
        String current = values.get(name);
        boolean write;
        if (current == null) {
            write = state.equals("present");
        } else if (!current.isEmpty() && state.equals("absent")) {
            write = true;
        } else {
            write = !current.equals(state.equals("absent") ? "" : value);
        }
        if (write && !context.checkMode()) {
            StringBuilder content = new StringBuilder();
            fixed.forEach(l -> content.append(l.strip()).append('\n'));
            int mode = existing.exists() ? Integer.parseInt(existing.mode(), 8) : 0644;
            context.connection().put(List.of(new FileEntry(file, content.toString().getBytes(StandardCharsets.UTF_8), mode)));
        }
        return ModuleResult.changed(write, Map.of());
    }

    private static boolean isSetting(String line) {
        return !line.isBlank() && !line.strip().startsWith("#") && !line.strip().startsWith(";") && line.contains("=");
    }

    private static String value(Object raw) {
        if (raw == null) {
            return "";
        }
        if (raw instanceof Boolean b) {
            return b ? "1" : "0";
        }
        String text = String.valueOf(raw);
        String lower = text.toLowerCase(Locale.ROOT);
        return TRUE.contains(lower) ? "1" : FALSE.contains(lower) ? "0" : text.strip();
    }
}
