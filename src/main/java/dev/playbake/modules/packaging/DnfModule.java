package dev.playbake.modules.packaging;

import dev.playbake.connection.ExecResult;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.Sh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dnf}, and {@code yum} as its alias (yum is dnf on current Fedora and RHEL): packages through dnf's
 * command line, installed state through {@code rpm -q}, no Python. {@code changed} is whether the rpm database
 * changed, as Ansible's is whether dnf's transaction had anything in it.
 */
public final class DnfModule implements Module {

    private static final Pattern NO_MATCH = Pattern.compile("^No match for argument: (.+)$", Pattern.MULTILINE);

    private final String name;

    /** @param name {@code dnf} or {@code yum}, the name tasks call it by */
    public DnfModule(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return DnfRequest.ANSIBLE_ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        DnfRequest request = DnfRequest.parse(name, context.arguments());
        if (!context.sh("command -v dnf >/dev/null && command -v rpm >/dev/null").succeeded()) {
            return ModuleResult.failed("the " + name + " module needs dnf and rpm in the image, which this image "
                    + "does not have (use the package manager it has, e.g. apt, or an image with dnf)", empty());
        }
        if (request.names().isEmpty() && request.updateCache() && !request.autoremove()) {
            return updateCache(context, request);
        }
        if (request.names().isEmpty() && !request.autoremove()) {
            throw new ModuleException(name + ": missing required arguments: name");
        }
        List<DnfCommands.Call> calls = calls(context, request);
        if (calls.isEmpty()) {
            return done(false, "Nothing to do", List.of());
        }
        DnfCommands dnf = new DnfCommands(request.options(), request.updateCache());
        return context.checkMode() ? preview(context, dnf, calls) : apply(context, dnf, calls);
    }

    /** The dnf runs the request needs, after asking rpm which packages are installed already. */
    private static List<DnfCommands.Call> calls(ModuleContext context, DnfRequest request) {
        List<DnfCommands.Call> calls = new ArrayList<>();
        switch (request.state()) {
            case "present" -> {
                // installed at any version is enough: dnf install would upgrade it, Ansible leaves it
                List<String> missing = missing(context, request.names());
                if (!missing.isEmpty()) {
                    calls.add(new DnfCommands.Call("install", missing));
                }
            }
            case "latest" -> {
                if (request.names().equals(List.of("*"))) {
                    calls.add(new DnfCommands.Call("upgrade", List.of()));
                } else if (request.updateOnly()) {
                    List<String> missing = missing(context, request.names());
                    List<String> installed = request.names().stream().filter(n -> !missing.contains(n)).toList();
                    if (!installed.isEmpty()) {
                        calls.add(new DnfCommands.Call("upgrade", installed));
                    }
                } else {
                    // dnf install installs what is missing and upgrades what is there, as Ansible's latest does
                    calls.add(new DnfCommands.Call("install", request.names()));
                }
            }
            default -> {
                List<String> missing = missing(context, request.names());
                // a wildcard is left to dnf: rpm -q does not expand it
                List<String> installed = request.names().stream()
                        .filter(n -> n.contains("*") || !missing.contains(n)).toList();
                if (!installed.isEmpty()) {
                    calls.add(new DnfCommands.Call("remove", installed));
                }
                if (request.autoremove()) {
                    calls.add(new DnfCommands.Call("autoremove", List.of()));
                }
            }
        }
        return calls;
    }

    /** The specs rpm does not find installed: by name, name-version(-release), name.arch, or a provided path. */
    private static List<String> missing(ModuleContext context, List<String> specs) {
        StringBuilder script = new StringBuilder();
        for (String spec : specs) {
            String query = spec.startsWith("/") ? "rpm -q --whatprovides " : "rpm -q ";
            script.append(query).append(Sh.quote(spec)).append(" >/dev/null 2>&1 || echo ")
                    .append(Sh.quote(spec)).append('\n');
        }
        ExecResult result = context.sh(script.toString());
        return result.stdout().lines().filter(line -> !line.isEmpty()).toList();
    }

    private static ModuleResult apply(ModuleContext context, DnfCommands dnf, List<DnfCommands.Call> calls) {
        RpmPackages before = RpmPackages.parse(context.sh(RpmPackages.QUERY).stdout());
        for (DnfCommands.Call call : calls) {
            String command = dnf.line(call, false);
            ExecResult result = context.sh(command);
            if (!result.succeeded()) {
                return failure(command, result);
            }
        }
        RpmPackages after = RpmPackages.parse(context.sh(RpmPackages.QUERY).stdout());
        List<String> results = before.changesTo(after);
        return done(!results.isEmpty(), results.isEmpty() ? "Nothing to do" : "", results);
    }

    /** Check mode: dnf resolves each transaction and answers no, which shows what it would do. */
    private static ModuleResult preview(ModuleContext context, DnfCommands dnf, List<DnfCommands.Call> calls) {
        List<String> results = new ArrayList<>();
        for (DnfCommands.Call call : calls) {
            String command = dnf.line(call, true);
            ExecResult result = context.sh(command);
            List<String> table = DnfTransactionTable.results(result.stdout());
            // with --assumeno, a transaction ends in "Operation aborted." and exit 1: that is no failure
            if (!result.succeeded() && table.isEmpty()) {
                return failure(command, result);
            }
            results.addAll(table);
        }
        return done(!results.isEmpty(), results.isEmpty() ? "Nothing to do"
                : "Check mode: No changes made, but would have if not in check mode", results);
    }

    /** Ansible's messages: a package no repository has is named in failures, anything else quotes dnf. */
    private static ModuleResult failure(String command, ExecResult result) {
        String output = result.stdout() + "\n" + result.stderr();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("rc", result.exitCode());
        values.put("results", List.of());
        List<String> failures = new ArrayList<>();
        Matcher noMatch = NO_MATCH.matcher(output);
        while (noMatch.find()) {
            failures.add("No package " + noMatch.group(1).strip() + " available.");
        }
        if (!failures.isEmpty()) {
            values.put("failures", failures);
            return ModuleResult.failed("Failed to install some of the specified packages", values);
        }
        return ModuleResult.failed("'" + command + "' failed: " + AptModule.lastLines(output), values);
    }

    private ModuleResult updateCache(ModuleContext context, DnfRequest request) {
        String command = new DnfCommands(request.options(), true).line(new DnfCommands.Call("makecache", List.of()), false);
        ExecResult result = context.sh(command);
        if (!result.succeeded()) {
            return failure(command, result);
        }
        return done(false, "Cache updated", List.of());
    }

    private static ModuleResult done(boolean changed, String message, List<String> results) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("msg", message);
        values.put("rc", 0);
        values.put("results", results);
        return ModuleResult.changed(changed, values);
    }

    private static Map<String, Object> empty() {
        return Map.of("results", List.of(), "rc", 1);
    }
}
