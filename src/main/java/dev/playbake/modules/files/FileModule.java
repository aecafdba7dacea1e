package dev.playbake.modules.files;

import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.Sh;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.raw;
import static dev.playbake.modules.Argument.str;

/** {@code file}: directories, symlinks, hard links, touch, removal, and owner/group/mode/times of existing paths. */
public final class FileModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            path("path").required().aliases("dest", "name"),
            str("state").choices("absent", "directory", "file", "hard", "link", "touch"), raw("mode"), str("owner"),
            str("group"), bool("recurse"), path("src"), bool("force"), str("follow"), str("modification_time"),
            str("modification_time_format"), str("access_time"), str("access_time_format"), str("unsafe_writes"),
            str("attributes"), str("seuser"), str("serole"), str("setype"), str("selevel"),
            str("_original_basename"), str("_diff_peek"));

    @Override
    public String name() {
        return "file";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String path = args.required("path");
        RemoteFile current = RemoteFile.read(context, path, false);
        String state = args.string("state").orElse(current.exists()
                ? (current.isDirectory() ? "directory" : current.type().equals("link") ? "link" : "file") : "file");
        String owner = args.string("owner", "");
        String group = args.string("group", "");
        Object mode = args.raw("mode");
        boolean attrs = !owner.isEmpty() || !group.isEmpty() || mode != null;
        String p = Sh.quote(path);
        boolean check = context.checkMode();

        return switch (state) {
            case "absent" -> {
                if (!current.exists()) {
                    yield result(false, path, "absent");
                }
                if (!check) {
                    require(context.sh("rm -rf " + p), "removing " + path);
                }
                yield result(true, path, "absent");
            }
            case "directory" -> {
                if (current.exists() && !current.isDirectory()) {
                    yield ModuleResult.failed("There was an issue creating " + path + " as requested: "
                            + "[Errno 17] File exists: '" + path + "'", Map.of("path", path));
                }
                boolean changed = !current.exists();
                if (!check) {
                    StringBuilder script = new StringBuilder();
                    if (changed) {
                        // Ansible creates each missing directory itself and gives each the attributes
                        for (String dir : prefixes(path)) {
                            String d = Sh.quote(dir);
                            script.append("if [ ! -d ").append(d).append(" ]; then mkdir ").append(d)
                                    .append(" || exit 1; ")
                                    .append(attrs ? RemoteFile.applyAttributes(dir, owner, group, mode, false)
                                            + " >/dev/null || exit 1; " : "")
                                    .append("fi\n");
                        }
                    }
                    if (attrs) {
                        script.append(RemoteFile.applyAttributes(path, owner, group, mode,
                                args.bool("recurse", false))).append('\n');
                    }
                    if (!script.isEmpty()) {
                        var r = require(context.sh(script.toString()), "creating directory " + path);
                        changed |= r.stdout().contains("changed");
                    }
                } else {
                    changed |= attrs;
                }
                if (current.exists() || !check) {
                    changed |= setTimes(context, FileTimes.of(args, state), path, check);
                }
                yield described(context, changed, path, check);
            }
            case "file" -> {
                if (!current.exists()) {
                    yield ModuleResult.failed("file (" + path + ") is absent, cannot continue",
                            Map.of("path", path, "state", "absent"));
                }
                boolean changed = false;
                if (attrs && !check) {
                    changed = require(context.sh(RemoteFile.applyAttributes(path, owner, group, mode, false)),
                            "setting attributes of " + path).stdout().contains("changed");
                }
                yield described(context, changed | setTimes(context, FileTimes.of(args, state), path, check), path, check);
            }
            case "touch" -> {
                boolean created = !current.exists();
                if (created && check) {
                    yield described(context, true, path, true);
                }
                // Ansible creates the file by opening it, then sets attributes, then the times
                String script = (created ? ": > " + p + " || exit 1\n" : "")
                        + (attrs && !check ? RemoteFile.applyAttributes(path, owner, group, mode, false) + "\n" : "")
                        + FileTimes.of(args, state).script(path, check);
                boolean changed = require(context.sh(script), "touching " + path).stdout().contains("changed");
                yield described(context, created || attrs && check || changed, path, check);
            }
            case "link", "hard" -> link(context, args, path, current, state, owner, group, attrs);
            default -> throw new ModuleException("value of state must be one of: absent, directory, file, hard, "
                    + "link, touch, got: " + state);
        };
    }

    private ModuleResult link(ModuleContext context, Args args, String path, RemoteFile current, String state,
                              String owner, String group, boolean attrs) {
        String src = args.string("src").orElseThrow(() -> new ModuleException("src is required for creating a "
                + state + " link"));
        boolean force = args.bool("force", false);
        boolean changed;
        if (state.equals("link")) {
            if (current.type().equals("link")) {
                changed = !current.target().equals(src);
            } else if (current.exists()) {
                if (!force && !(current.isFile() && current.size() == 0)) {
                    return ModuleResult.failed("refusing to convert from " + current.type() + " to symlink for "
                            + path, Map.of("path", path));
                }
                changed = true;
            } else {
                changed = true;
            }
        } else {
            var same = context.sh("[ " + Sh.quote(path) + " -ef " + Sh.quote(src) + " ] && echo same");
            changed = !same.stdout().contains("same");
        }
        if (changed && !context.checkMode()) {
            String flag = state.equals("link") ? "-sfn " : "-f ";
            require(context.sh("ln " + flag + Sh.quote(src) + " " + Sh.quote(path)), "linking " + path);
        }
        if (attrs && !context.checkMode()) {
            String script = (owner.isEmpty() ? "" : "chown -h " + Sh.quote(owner) + " " + Sh.quote(path) + "; ")
                    + (group.isEmpty() ? "" : "chgrp -h " + Sh.quote(group) + " " + Sh.quote(path) + "; ") + "true";
            context.sh(script);
        }
        if (!context.checkMode()) {
            // os.utime follows the link, as touch does: the times are the target's
            changed |= setTimes(context, FileTimes.of(args, state), path, false);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("dest", path);
        values.put("src", src);
        values.put("state", state);
        return ModuleResult.changed(changed, values);
    }

    /** Every ancestor of an absolute path and the path itself, outermost first ({@code /a}, {@code /a/b}). */
    static List<String> prefixes(String path) {
        List<String> prefixes = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            current.append('/').append(part);
            prefixes.add(current.toString());
        }
        return prefixes;
    }

    /** Applies the task's times (or, in check mode, only compares them); true when one differed. */
    private static boolean setTimes(ModuleContext context, FileTimes times, String path, boolean check) {
        if (times.preservesBoth()) {
            return false;
        }
        return require(context.sh(times.script(path, check)), "Error while updating modification or access time of "
                + path).stdout().contains("changed");
    }

    private static ModuleResult described(ModuleContext context, boolean changed, String path, boolean check) {
        Map<String, Object> values = new LinkedHashMap<>(check ? Map.of("path", path)
                : RemoteFile.read(context, path, false).describe());
        return ModuleResult.changed(changed, values);
    }

    private static ModuleResult result(boolean changed, String path, String state) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("path", path);
        values.put("state", state);
        return ModuleResult.changed(changed, values);
    }

    private static dev.playbake.connection.ExecResult require(dev.playbake.connection.ExecResult result, String what) {
        if (!result.succeeded()) {
            throw new ModuleException(what + " failed: " + result.stderr().strip());
        }
        return result;
    }
}
