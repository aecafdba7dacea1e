package dev.playbake.modules.system;

import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code service_facts}: the image's services as Ansible lists them where PID 1 is not systemd (a build
 * container's never is): the init.d scripts, through {@code service --status-all}.
 */
public final class ServiceFactsModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of();

    private static final Pattern LISTED = Pattern.compile("^\\s*\\[ ([+-]) \\]\\s+(.+)$", Pattern.MULTILINE);

    /** Which listing Ansible's ServiceScanService would use: sysv only without chkconfig and rc-status. */
    private static final String SCRIPT = "command -v chkconfig >/dev/null 2>&1 && { echo tool=chkconfig; exit 0; };"
            + " command -v rc-status >/dev/null 2>&1 && { echo tool=openrc; exit 0; };"
            + " command -v service >/dev/null 2>&1 || { echo tool=none; exit 0; };"
            + " echo tool=service; service --status-all 2>/dev/null; exit 0";

    @Override
    public String name() {
        return "service_facts";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        // Ansible runs its commands in a parsable locale; the scripts' answers are read by their words
        ExecResult listed = context.exec(ExecRequest.shell(SCRIPT).withEnv(Map.of("LANG", "C", "LC_ALL", "C")));
        String out = listed.stdout();
        if (out.startsWith("tool=chkconfig") || out.startsWith("tool=openrc")) {
            return ModuleResult.failed("service_facts: this image lists its services with "
                    + (out.startsWith("tool=chkconfig") ? "chkconfig" : "OpenRC's rc-status")
                    + ", which playbake does not read; it reads init.d scripts through service --status-all. A command"
                    + " task can list them (service --status-all, or chkconfig --list), registered and parsed.");
        }
        Map<String, Object> services = new LinkedHashMap<>();
        Matcher m = LISTED.matcher(out);
        while (m.find()) {
            String name = m.group(2);
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("name", name);
            service.put("state", m.group(1).equals("+") ? "running" : "stopped");
            service.put("source", "sysv");
            services.put(name, service);
        }
        if (services.isEmpty()) {
            return new ModuleResult(Map.of("skipped", true, "msg", "Failed to find any services. This can be due to"
                    + " privileges or some other configuration issue."));
        }
        return ModuleResult.ok(Map.of("ansible_facts", Map.of("services", services)));
    }
}
