package dev.playbake.modules.system;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.PyStrings;
import dev.playbake.python.Sh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.playbake.modules.Argument.str;

/**
 * {@code timezone} (community.general) as it works on Debian without a running systemd:
 * /etc/timezone, the /etc/localtime link and {@code dpkg-reconfigure tzdata}.
 */
public final class TimezoneModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("name"), str("hwclock").aliases("rtc"));

    private static final Pattern NAME = Pattern.compile("^([^\\s]+)", Pattern.MULTILINE);
    private static final Pattern ZONEINFO = Pattern.compile("(?:/(?:usr/share|etc)/zoneinfo/)(.*)", Pattern.MULTILINE);

    @Override
    public String name() {
        return "timezone";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        if (args.has("hwclock") || args.has("rtc")) {
            return ModuleResult.failed("timezone: hwclock needs the hardware clock (hwclock --systohc), which a build"
                    + " container cannot reach; set only name, and the clock mode on the machine that runs the image");
        }
        if (!args.has("name")) {
            return ModuleResult.failed("one of the following is required: hwclock, name");
        }
        String planned = args.string("name").orElseThrow();
        String tzfile = "/usr/share/zoneinfo/" + planned;
        ExecResult tools = context.sh("[ -f " + Sh.quote(tzfile) + " ] || echo missing-zone;"
                + " command -v timedatectl >/dev/null 2>&1 && timedatectl >/dev/null 2>&1 && echo timedatectl;"
                + " command -v hwclock >/dev/null 2>&1 || echo missing-hwclock;"
                + " command -v dpkg-reconfigure >/dev/null 2>&1 || echo missing-dpkg-reconfigure");
        String found = tools.stdout();
        if (found.contains("timedatectl")) {
            return ModuleResult.failed("timezone: this image's timedatectl talks to a running systemd, which a build"
                    + " container does not have");
        }
        if (found.contains("missing-zone")) {
            return ModuleResult.failed("Error message:\ngiven timezone \"" + planned + "\" is not available");
        }
        if (found.contains("missing-hwclock")) {
            return ModuleResult.failed("Failed to find required executable hwclock in paths: "
                    + "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        }
        if (found.contains("missing-dpkg-reconfigure")) {
            return ModuleResult.failed("timezone: playbake sets the time zone the Debian way (/etc/timezone,"
                    + " dpkg-reconfigure tzdata); this image has no dpkg-reconfigure");
        }
        String before = current(context, planned, true);
        List<String> messages = new ArrayList<>();
        String after = before;
        if (!before.equals(planned) && !context.checkMode()) {
            String text = context.connection().fetch("/etc/timezone").map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
            List<String> lines = new ArrayList<>(PyStrings.linesKeepingEnds(text));
            List<Integer> matched = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (NAME.matcher(lines.get(i)).find()) {
                    matched.add(i);
                }
            }
            int insertAt = matched.isEmpty() ? 0 : matched.get(0);
            for (int i = matched.size() - 1; i >= 0; i--) {
                lines.remove((int) matched.get(i));
            }
            lines.add(insertAt, planned + "\n");
            context.connection().put(List.of(new FileEntry("/etc/timezone",
                    String.join("", lines).getBytes(StandardCharsets.UTF_8), 0644)));
            messages.add("Added 1 line and deleted " + matched.size() + " line(s) on /etc/timezone");
            ExecResult update = context.sh("ln -sf " + Sh.quote(tzfile) + " /etc/localtime"
                    + " && dpkg-reconfigure --frontend noninteractive tzdata");
            if (!update.succeeded()) {
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("rc", update.exitCode());
                values.put("stdout", update.stdout());
                values.put("stderr", update.stderr());
                return ModuleResult.failed(update.stderr().strip(), values);
            }
            after = current(context, planned, false);
            if (!after.equals(planned)) {
                return ModuleResult.failed("Error message:\nstill not desired state, though changes have made - planned: "
                        + "{'name': '" + planned + "'}, after: {'name': '" + after + "'}");
            }
        } else if (context.checkMode()) {
            after = planned;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("diff", Map.of("before", Map.of("name", before), "after", Map.of("name", after)));
        if (!messages.isEmpty()) {
            values.put("msg", String.join("\n", messages));
        }
        return ModuleResult.changed(!before.equals(after), values);
    }

    /** The zone as the module reads it: /etc/timezone, then whether /etc/localtime agrees. */
    private static String current(ModuleContext context, String planned, boolean before) {
        String text = context.connection().fetch("/etc/timezone").map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
        if (text == null) {
            return "n/a";
        }
        Matcher m = NAME.matcher(text);
        if (!m.find()) {
            return before ? "n/a" : "";
        }
        String value = m.group(1);
        if (!value.equals(planned)) {
            return value;
        }
        String link = context.sh("if [ -L /etc/localtime ]; then if [ -e /etc/localtime ]; then echo \"link $(readlink"
                + " /etc/localtime)\"; else echo dangling; fi; elif cmp -s /etc/localtime "
                + Sh.quote("/usr/share/zoneinfo/" + planned) + "; then echo same; else echo different; fi").stdout().strip();
        if (link.startsWith("link ")) {
            Matcher zone = ZONEINFO.matcher(link.substring(5));
            return zone.find() ? zone.group(1) : "n/a";
        }
        return link.equals("same") ? value : "n/a";
    }
}
