package dev.playbake.modules.commands;

import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.PyStrings;
import dev.playbake.python.Sh;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.list;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/** {@code command}, {@code shell} and {@code raw}: run a program (through /bin/sh for shell and raw). */
public final class CommandModule implements Module {

    private static final String NOT_RUN = "__playbake_not_run__";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    // free-form: the command line arrives as _raw_params, which is internal and so always accepted
    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("cmd"), list("argv"), path("chdir"), path("creates"), path("removes"), path("executable"),
            str("stdin"), bool("stdin_add_newline"), bool("strip_empty_ends"), bool("expand_argument_vars"),
            str("free_form"));

    private final String name;

    public CommandModule(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        boolean viaShell = !name.equals("command");
        String text = args.string("_raw_params").or(() -> args.string("cmd")).orElse("");
        List<String> argv = args.list("argv");
        if (text.isBlank() && argv.isEmpty()) {
            throw new ModuleException("no command given");
        }
        if (!text.isBlank() && !argv.isEmpty()) {
            throw new ModuleException("only command or argv can be given, not both");
        }
        String executable = args.string("executable", "/bin/sh");
        List<String> program = viaShell ? List.of(executable, "-c", text)
                : argv.isEmpty() ? words(text) : argv;
        Object displayCmd = viaShell ? text : program;

        String creates = args.string("creates", "");
        String removes = args.string("removes", "");
        String chdir = args.string("chdir", "");
        if (context.checkMode() && creates.isEmpty() && removes.isEmpty()) {
            Map<String, Object> skipped = new LinkedHashMap<>();
            skipped.put("msg", "Command would have run if not in check mode");
            skipped.put("skipped", true);
            skipped.put("rc", 0);
            return ModuleResult.ok(skipped);
        }
        byte[] stdin = args.string("stdin").map(s -> (args.bool("stdin_add_newline", true) ? s + "\n" : s)
                .getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);

        ExecRequest request = guarded(program, creates, removes, chdir, context.checkMode()).withStdin(stdin);
        LocalDateTime start = LocalDateTime.now();
        ExecResult result = context.exec(request);
        LocalDateTime end = LocalDateTime.now();

        if (result.stdout().startsWith(NOT_RUN)) {
            String why = result.stdout().substring(NOT_RUN.length()).strip();
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("cmd", displayCmd);
            values.put("rc", 0);
            values.put("stdout", why.startsWith("creates") ? "skipped, since " + creates + " exists"
                    : "skipped, since " + removes + " does not exist");
            values.put("stdout_lines", List.of(values.get("stdout")));
            values.put("stderr", "");
            values.put("stderr_lines", List.of());
            values.put("msg", why.startsWith("creates") ? "Did not run command since '" + creates + "' exists"
                    : "Did not run command since '" + removes + "' does not exist");
            return ModuleResult.ok(values);
        }
        boolean strip = args.bool("strip_empty_ends", true);
        String stdout = strip ? PyStrings.stripLineEnds(result.stdout()) : result.stdout();
        String stderr = strip ? PyStrings.stripLineEnds(result.stderr()) : result.stderr();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("cmd", displayCmd);
        values.put("rc", result.exitCode());
        values.put("stdout", stdout);
        values.put("stderr", stderr);
        values.put("stdout_lines", PyStrings.splitlines(stdout));
        values.put("stderr_lines", PyStrings.splitlines(stderr));
        values.put("start", TIME.format(start));
        values.put("end", TIME.format(end));
        values.put("delta", delta(Duration.between(start, end)));
        values.put("msg", "");
        if ((result.exitCode() == 127 || result.exitCode() == 126) && !viaShell) {
            values.put("msg", "[Errno 2] No such file or directory: b'" + program.get(0) + "'");
            values.put("failed", true);
            values.put("changed", false);
            return new ModuleResult(values);
        }
        if (result.exitCode() != 0) {
            values.put("msg", "non-zero return code");
            values.put("failed", true);
        }
        return ModuleResult.changed(true, values);
    }

    /** Wraps the program in a shell guard when creates/removes/chdir ask for one; else runs it as is. */
    private static ExecRequest guarded(List<String> program, String creates, String removes, String chdir,
                                       boolean checkMode) {
        if (creates.isEmpty() && removes.isEmpty() && chdir.isEmpty()) {
            return new ExecRequest(program, new byte[0], Map.of(), "", "");
        }
        StringBuilder script = new StringBuilder();
        if (!chdir.isEmpty()) {
            script.append("cd ").append(Sh.quote(chdir)).append(" || exit 1; ");
        }
        if (!creates.isEmpty()) {
            script.append("for f in ").append(Sh.glob(creates)).append("; do if [ -e \"$f\" ]; then echo ")
                    .append(NOT_RUN).append("creates; exit 0; fi; done; ");
        }
        if (!removes.isEmpty()) {
            script.append("found=; for f in ").append(Sh.glob(removes))
                    .append("; do [ -e \"$f\" ] && found=1; done; if [ -z \"$found\" ]; then echo ")
                    .append(NOT_RUN).append("removes; exit 0; fi; ");
        }
        if (checkMode) {
            script.append("exit 0");
        } else {
            script.append("exec \"$@\"");
        }
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", script.toString(), "sh"));
        argv.addAll(program);
        return new ExecRequest(argv, new byte[0], Map.of(), "", "");
    }

    private static String delta(Duration duration) {
        long micros = duration.toNanos() / 1000;
        return String.format("%d:%02d:%02d.%06d", micros / 3_600_000_000L, micros / 60_000_000 % 60,
                micros / 1_000_000 % 60, micros % 1_000_000);
    }

    /** The command's words as Python's shlex splits them; an unclosed quote is the task's error. */
    static List<String> words(String text) {
        try {
            return Sh.split(text);
        } catch (Sh.UnclosedQuotation e) {
            throw new ModuleException(e.getMessage());
        }
    }
}
