package dev.playbake.modules.commands;

import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.PyPaths;
import dev.playbake.python.PyStrings;
import dev.playbake.python.Sh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/**
 * {@code script}: a script of the playbook's files copied into a temporary directory of the
 * container, run there through the shell with its arguments, and removed.
 */
public final class ScriptModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("_raw_params"), str("cmd"), str("free_form"), path("creates"), path("removes"), path("chdir"),
            str("executable"), str("decrypt"));

    private static final String NOT_RUN = "__playbake_not_run__";

    @Override
    public String name() {
        return "script";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String raw = args.string("_raw_params").filter(s -> !s.isBlank()).or(() -> args.string("cmd"))
                .orElse("").strip();
        if (raw.isEmpty()) {
            throw new ModuleException("script: no script given (free form or cmd)");
        }
        String creates = args.string("creates", "");
        String removes = args.string("removes", "");
        String chdir = args.string("chdir", "");
        String executable = args.string("executable", "");
        if (!chdir.isEmpty() && !chdir.startsWith("/")) {
            return ModuleResult.failed("chdir " + chdir + " must be an absolute path for a Unix-aware remote node");
        }
        String source = CommandModule.words(raw).get(0);
        StringBuilder guard = new StringBuilder();
        if (!creates.isEmpty()) {
            guard.append("if [ -e ").append(Sh.quote(creates)).append(" ]; then echo ").append(NOT_RUN)
                    .append("creates; exit 0; fi; ");
        }
        if (!removes.isEmpty()) {
            guard.append("if [ ! -e ").append(Sh.quote(removes)).append(" ]; then echo ").append(NOT_RUN)
                    .append("removes; exit 0; fi; ");
        }
        if (guard.length() > 0) {
            String why = context.sh(guard.toString()).stdout().strip();
            if (why.equals(NOT_RUN + "creates")) {
                return skipped(creates + " exists, matching creates option");
            }
            if (why.equals(NOT_RUN + "removes")) {
                return skipped(removes + " does not exist, matching removes option");
            }
        }
        var found = context.files().find("files", source);
        if (found.isEmpty()) {
            return ModuleResult.failed("Could not find or access '" + source + "' on the Ansible Controller.");
        }
        if (context.checkMode()) {
            if (!creates.isEmpty() || !removes.isEmpty()) {
                return ModuleResult.changed(true, Map.of());
            }
            return skipped("Check mode is not supported for this task.");
        }
        String dirName = "/tmp/.playbake-script-" + Long.toHexString(System.nanoTime());
        String remote = dirName + "/" + PyPaths.basename(source);
        // the script's own arguments keep their quoting: only the script's name is replaced, as Ansible does
        String command = raw.replace(source, Sh.quote(remote));
        if (!executable.isEmpty()) {
            command = executable + " " + command;
        }
        ExecResult result;
        try {
            context.connection().put(List.of(new FileEntry(remote, found.get().content(), 0755)));
            // a become user must be able to reach the script
            context.sh("chmod 0755 " + Sh.quote(dirName));
            result = context.sh((chdir.isEmpty() ? "" : "cd " + Sh.quote(chdir) + " && ") + command);
        } finally {
            context.connection().exec(ExecRequest.of("rm", "-rf", dirName));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("rc", result.exitCode());
        values.put("stdout", result.stdout());
        values.put("stdout_lines", PyStrings.splitlines(PyStrings.stripLineEnds(result.stdout())));
        values.put("stderr", result.stderr());
        values.put("stderr_lines", PyStrings.splitlines(PyStrings.stripLineEnds(result.stderr())));
        if (result.exitCode() != 0) {
            values.put("msg", "non-zero return code");
            values.put("failed", true);
        }
        return ModuleResult.changed(true, values);
    }

    private static ModuleResult skipped(String message) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("skipped", true);
        values.put("msg", message);
        return ModuleResult.ok(values);
    }
}
