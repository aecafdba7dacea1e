package dev.playbake.modules.packaging;

import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.Sh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.list;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/**
 * {@code pip}: runs the image's pip (a virtualenv's, created first with {@code virtualenv_command}
 * when missing) as Ansible's module does, and reads {@code changed} the same way: pip's
 * "Successfully installed/uninstalled", or for requirements files and VCS URLs whether
 * {@code pip list --format=freeze} differs before and after.
 */
public final class PipModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            list("name"), str("version"), str("requirements"), str("virtualenv"), bool("virtualenv_site_packages"),
            str("virtualenv_command"), str("virtualenv_python"),
            str("state").choices("absent", "forcereinstall", "latest", "present").defaultsTo("present"),
            str("extra_args"), bool("editable"), path("chdir"), str("executable"), str("umask"))
            .mutuallyExclusive("name", "requirements").requiredOneOf("name", "requirements");

    private static final Map<String, String> OPERATIONS = Map.of(
            "present", "install", "latest", "install -U", "absent", "uninstall -y",
            "forcereinstall", "install -U --force-reinstall");

    @Override
    public String name() {
        return "pip";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String state = args.string("state").orElseThrow();
        List<String> names = args.list("name");
        String requirements = args.string("requirements", "");
        if (args.has("version") && state.equals("latest")) {
            return ModuleResult.failed("version is incompatible with state=latest");
        }
        if (args.has("version")) {
            if (names.size() > 1) {
                return ModuleResult.failed("'version' argument is ambiguous when installing multiple package distributions. "
                        + "Please specify version restrictions next to each package in 'name' argument.");
            }
            names = List.of(names.get(0) + "==" + args.string("version", ""));
        }
        String chdir = args.string("chdir", "/tmp");
        String env = args.string("virtualenv", "");
        boolean created = false;
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        if (!env.isEmpty() && !RemoteFile.read(context, env + "/bin/activate", false).exists()) {
            if (context.checkMode()) {
                return ModuleResult.changed(true, Map.of());
            }
            String command = args.string("virtualenv_command", "virtualenv");
            String tool = command.strip().split("\\s+")[0];
            List<String> words = new ArrayList<>(List.of(command));
            if (args.bool("virtualenv_site_packages", false)) {
                words.add("--system-site-packages");
            }
            if (!command.contains("pyvenv") && !command.contains("-m venv")) {
                words.add("-p" + args.string("virtualenv_python", "python3"));
            } else if (args.has("virtualenv_python")) {
                return ModuleResult.failed("virtualenv_python should not be used when using the venv module or pyvenv as virtualenv_command");
            }
            words.add(Sh.quote(env));
            ExecResult venv = run(context, chdir, "command -v " + Sh.quote(tool) + " >/dev/null || { echo \"@missing\"; exit 9; }; "
                    + String.join(" ", words));
            if (venv.stdout().contains("@missing")) {
                return ModuleResult.failed("Failed to find required executable \"" + tool + "\" in paths: install it first "
                        + "(Debian: python3-venv for 'python3 -m venv', virtualenv for virtualenv)");
            }
            out.append(venv.stdout());
            err.append(venv.stderr());
            if (!venv.succeeded()) {
                return failure(command, out, err);
            }
            created = true;
        }
        String pip = pip(context, args, env);
        if (pip.isEmpty()) {
            return ModuleResult.failed("Unable to find any of pip3, pip to use.  pip needs to be installed.");
        }
        String command = pip + " " + OPERATIONS.get(state)
                + (args.bool("editable", false) && !args.string("extra_args", "").contains("-e") ? " -e" : "")
                + (args.has("extra_args") ? " " + args.string("extra_args", "") : "")
                + (names.isEmpty() ? " -r " + Sh.quote(requirements) : " " + String.join(" ", names.stream().map(Sh::quote).toList()));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("cmd", command);
        values.put("name", args.list("name"));
        values.put("version", args.string("version").orElse(null));
        values.put("state", state);
        values.put("requirements", requirements.isEmpty() ? null : requirements);
        values.put("virtualenv", env.isEmpty() ? null : env);
        if (context.checkMode()) {
            return ModuleResult.changed(true, values);
        }
        boolean compareFreeze = !requirements.isEmpty() || names.stream().anyMatch(n -> n.matches("(?i)(git|hg|svn|bzr)\\+.*"));
        String before = compareFreeze ? freeze(context, pip, chdir) : "";
        String pathPrefix = env.isEmpty() ? "" : "PATH=" + Sh.quote(env + "/bin") + ":\"$PATH\" ";
        ExecResult result = run(context, chdir, pathPrefix + command);
        out.append(result.stdout());
        err.append(result.stderr());
        boolean notInstalled = result.exitCode() == 1 && state.equals("absent")
                && (result.stdout().contains("not installed") || result.stderr().contains("not installed"));
        if (!result.succeeded() && !notInstalled) {
            return failure(command, out, err);
        }
        boolean changed;
        if (state.equals("absent")) {
            changed = result.stdout().contains("Successfully uninstalled");
        } else if (!compareFreeze) {
            changed = result.stdout().contains("Successfully installed");
        } else {
            changed = !before.equals(freeze(context, pip, chdir));
        }
        values.put("stdout", out.toString());
        values.put("stderr", err.toString());
        return ModuleResult.changed(changed || created, values);
    }

    /** The pip command: {@code executable}, the virtualenv's pip3 or pip, else pip3 or pip on the PATH. */
    private static String pip(ModuleContext context, Args args, String env) {
        if (args.has("executable")) {
            return Sh.quote(args.string("executable", ""));
        }
        String script = env.isEmpty()
                ? "command -v pip3 || command -v pip"
                : "for p in pip3 pip; do [ -x " + Sh.quote(env + "/bin") + "/$p ] && { echo " + Sh.quote(env + "/bin") + "/$p; break; }; done";
        return context.sh(script).stdout().lines().findFirst().orElse("").strip();
    }

    private static String freeze(ModuleContext context, String pip, String chdir) {
        ExecResult result = run(context, chdir, pip + " list --format=freeze");
        return result.succeeded() ? result.stdout() : run(context, chdir, pip + " freeze").stdout();
    }

    private static ExecResult run(ModuleContext context, String chdir, String script) {
        return context.exec(ExecRequest.shell("cd " + Sh.quote(chdir) + " && " + script));
    }

    /** Ansible's message for a failed pip or virtualenv run: its stdout, then its stderr. */
    private static ModuleResult failure(String command, StringBuilder out, StringBuilder err) {
        String msg = (out.isEmpty() ? "" : "stdout: " + out) + (err.isEmpty() ? "" : (out.isEmpty() ? "" : "\n") + ":stderr: " + err);
        return ModuleResult.failed(msg, Map.of("cmd", command));
    }
}
