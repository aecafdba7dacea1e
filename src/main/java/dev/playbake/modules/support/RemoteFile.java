package dev.playbake.modules.support;

import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.modules.Args;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.python.Sh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a path in the container is, read for many paths in one exec with tools every image has
 * ({@code stat -c}, {@code sha1sum}, {@code readlink}; GNU coreutils and busybox alike).
 *
 * @param path     the path
 * @param type     {@code absent}, {@code file}, {@code directory}, {@code link} or {@code other}
 * @param mode     permission bits as octal text ({@code 644}), empty when absent
 * @param owner    owner name
 * @param group    group name
 * @param uid      owner id
 * @param gid      group id
 * @param size     size in bytes
 * @param sha1     content checksum for regular files, else empty
 * @param target   link target for symlinks, else empty
 */
public record RemoteFile(String path, String type, String mode, String owner, String group, int uid, int gid,
                         long size, String sha1, String target) {

    public boolean exists() {
        return !type.equals("absent");
    }

    public boolean isFile() {
        return type.equals("file");
    }

    public boolean isDirectory() {
        return type.equals("directory");
    }

    /** Mode as Ansible reports it: four octal digits. */
    public String octalMode() {
        return mode.isEmpty() ? "" : String.format("%04o", Integer.parseInt(mode, 8));
    }

    /** Reads the given paths in one exec; checksums only for regular files when asked. */
    public static Map<String, RemoteFile> read(ModuleContext context, List<String> paths, boolean checksums) {
        StringBuilder script = new StringBuilder();
        for (String path : paths) {
            String p = Sh.quote(path);
            script.append("p=").append(p).append("; ")
                    .append("if [ -L \"$p\" ]; then t=link; elif [ -d \"$p\" ]; then t=directory; ")
                    .append("elif [ -f \"$p\" ]; then t=file; elif [ -e \"$p\" ]; then t=other; else t=absent; fi; ")
                    .append("if [ $t = absent ]; then echo 'absent'; else ")
                    .append("printf '%s|' $t; stat -c '%a|%U|%G|%u|%g|%s' \"$p\" | tr -d '\\n'; printf '|'; ")
                    .append(checksums ? "if [ $t = file ]; then sha1sum \"$p\" | cut -d' ' -f1 | tr -d '\\n'; fi; " : "")
                    .append("printf '|'; if [ $t = link ]; then readlink \"$p\" | tr -d '\\n'; fi; echo; fi\n");
        }
        var result = context.sh(script.toString());
        String[] lines = result.stdout().split("\n", -1);
        if (lines.length < paths.size()) {
            throw new ModuleException("could not read file attributes: " + result.stderr().strip());
        }
        Map<String, RemoteFile> files = new LinkedHashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            files.put(paths.get(i), parse(paths.get(i), lines[i]));
        }
        return files;
    }

    public static RemoteFile read(ModuleContext context, String path, boolean checksum) {
        return read(context, List.of(path), checksum).get(path);
    }

    private static RemoteFile parse(String path, String line) {
        if (line.equals("absent")) {
            return new RemoteFile(path, "absent", "", "", "", -1, -1, 0, "", "");
        }
        String[] f = line.split("\\|", -1);
        if (f.length < 9) {
            throw new ModuleException("unexpected stat output for " + path + ": " + line);
        }
        return new RemoteFile(path, f[0], f[1], f[2], f[3], Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                Long.parseLong(f[6]), f[7], f[8]);
    }

    /** The attributes Ansible's file-like modules report for a path. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", path);
        if (!exists()) {
            out.put("state", "absent");
            return out;
        }
        out.put("state", switch (type) {
            case "directory" -> "directory";
            case "link" -> "link";
            case "file" -> "file";
            default -> "file";
        });
        out.put("mode", octalMode());
        out.put("owner", owner);
        out.put("group", group);
        out.put("uid", uid);
        out.put("gid", gid);
        out.put("size", size);
        return out;
    }

    /** Parses an Ansible mode argument: an int (YAML's 0644 is 420) or octal text; empty for symbolic modes. */
    public static Optional<Integer> octal(Object mode) {
        if (mode == null) {
            return Optional.empty();
        }
        if (mode instanceof Number n) {
            return Optional.of(n.intValue());
        }
        String text = String.valueOf(mode).strip();
        if (text.matches("0?[0-7]{3,4}")) {
            return Optional.of(Integer.parseInt(text, 8));
        }
        return Optional.empty();
    }

    /** The chmod argument for a mode: octal digits, or the symbolic text as given. */
    public static String chmodArgument(Object mode) {
        return octal(mode).map(m -> String.format("%04o", m)).orElse(String.valueOf(mode));
    }

    /**
     * A script fragment that applies owner, group and mode to a path and prints {@code changed}
     * when any of them differed. Empty arguments are left alone.
     */
    public static String applyAttributes(String path, String owner, String group, Object mode, boolean recurse) {
        String p = Sh.quote(path);
        String r = recurse ? "-R " : "";
        List<String> steps = new ArrayList<>();
        // with recurse, a change anywhere below counts, so compare the whole tree
        String snapshot = recurse ? "$(find " + p + " -exec stat -c '%a %u %g' {} +)" : "$(stat -c '%a %u %g' " + p + ")";
        steps.add("b=" + snapshot);
        if (!owner.isEmpty()) {
            steps.add("chown " + r + Sh.quote(owner) + " " + p);
        }
        if (!group.isEmpty()) {
            steps.add("chgrp " + r + Sh.quote(group) + " " + p);
        }
        if (mode != null) {
            steps.add("chmod " + r + Sh.quote(chmodArgument(mode)) + " " + p);
        }
        steps.add("a=" + snapshot);
        steps.add("[ \"$b\" = \"$a\" ] || echo changed");
        return String.join(" && ", steps);
    }

    /**
     * New files a module wrote for a become user: under Ansible that user writes them and owns them;
     * playbake writes them through the container's archive API (as root), so they are handed over.
     */
    public static void giveToBecomeUser(ModuleContext context, List<String> paths) {
        if (context.user().isEmpty() || paths.isEmpty()) {
            return;
        }
        StringBuilder script = new StringBuilder("chown ").append(Sh.quote(context.user() + ":"));
        paths.forEach(path -> script.append(' ').append(Sh.quote(path)));
        ExecResult result = context.connection().exec(ExecRequest.shell(script.toString()).withUser("root"));
        if (!result.succeeded()) {
            throw new ModuleException("could not give " + String.join(", ", paths) + " to " + context.user() + ": "
                    + result.stderr().strip());
        }
    }

    /** Applies a task's mode, owner and group to a path; whether that changed anything. */
    public static boolean applyAttributes(ModuleContext context, Args args, String path) {
        if (!args.has("mode") && !args.has("owner") && !args.has("group")) {
            return false;
        }
        if (context.checkMode()) {
            return true;
        }
        var result = context.sh(RemoteFile.applyAttributes(path, args.string("owner", ""), args.string("group", ""),
                args.raw("mode"), false));
        if (!result.succeeded()) {
            throw new ModuleException("chown/chmod failed: " + result.stderr().strip());
        }
        return result.stdout().contains("changed");
    }
}
