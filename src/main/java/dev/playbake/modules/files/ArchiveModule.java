package dev.playbake.modules.files;

import dev.playbake.connection.ExecResult;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.PyPaths;
import dev.playbake.python.Sh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.list;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/**
 * {@code archive} (community.general): packs paths into a tar (plain, gz, bz2, xz) or zip archive, or
 * compresses a single file, with the image's tar, gzip, bzip2, xz or zip. As in Ansible the archive
 * is written on every run and {@code changed} says whether its members differ from the archive that
 * was there before (names and header data for tar, names and CRCs for zip, the content for a
 * compressed file).
 */
public final class ArchiveModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            list("path").required(), str("format").choices("bz2", "gz", "tar", "xz", "zip"), path("dest"),
            str("exclude_path"), str("exclusion_patterns"), bool("force_archive"), bool("remove"), str("mode"),
            str("owner"), str("group"), str("seuser"), str("serole"), str("setype"), str("selevel"),
            str("unsafe_writes"), str("attributes"));

    @Override
    public String name() {
        return "archive";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String format = args.string("format", "gz");
        List<String> patterns = args.list("path");
        if (patterns.isEmpty()) {
            throw new ModuleException("missing required arguments: path");
        }
        boolean globs = patterns.stream().anyMatch(p -> p.contains("*") || p.contains("?"));
        List<String> expanded = expand(context, patterns);
        List<String> excluded = expand(context, args.list("exclude_path"));
        TreeSet<String> sorted = new TreeSet<>(expanded);
        sorted.removeAll(excluded);
        List<String> paths = List.copyOf(sorted);
        Map<String, Object> values = new LinkedHashMap<>();
        if (paths.isEmpty()) {
            values.put("path", String.join(", ", patterns));
            values.put("expanded_paths", String.join(", ", expanded));
            values.put("expanded_exclude_paths", String.join(", ", excluded));
            return ModuleResult.failed("Error, no source paths were found", values);
        }
        String root = commonPath(paths);
        Map<String, RemoteFile> targets = RemoteFile.read(context, paths, false);
        boolean mustArchive = args.bool("force_archive", false) || globs || targets.get(paths.get(0)).isDirectory()
                || paths.size() > 1;
        String dest = args.string("dest", "");
        if (dest.isEmpty() && !mustArchive) {
            dest = paths.get(0) + "." + format;
        }
        if (dest.isEmpty()) {
            values.put("path", String.join(", ", patterns));
            return ModuleResult.failed("Error, must specify \"dest\" when archiving multiple files or trees", values);
        }
        boolean remove = args.bool("remove", false);
        if (remove) {
            for (String path : paths) {
                if (targets.get(path).isDirectory() && dest.startsWith(path.endsWith("/") ? path : path + "/")) {
                    return ModuleResult.failed("Error, created archive can not be contained in source paths when remove=true");
                }
            }
        }
        List<String> found = paths.stream().filter(p -> targets.get(p).exists()).toList();
        List<String> missing = paths.stream().filter(p -> !targets.get(p).exists()).toList();
        boolean archive = mustArchive || format.equals("zip") || format.equals("tar");
        String state = "absent";
        boolean changed = false;
        List<String> archived = new ArrayList<>();
        if (found.isEmpty()) {
            RemoteFile existing = RemoteFile.read(context, dest, false);
            if (existing.exists()) {
                state = dest.toLowerCase(Locale.ROOT).matches(".*\\.(tar|tar\\.(gz|bz2|xz)|tgz|tbz2|zip)$") ? "archive" : "compress";
            }
        } else if (context.checkMode()) {
            changed = mustArchive || !RemoteFile.read(context, dest, false).exists();
        } else {
            ExecResult result = context.sh(script(args, format, archive, dest, root, found));
            if (!result.succeeded()) {
                values.put("dest", dest);
                return ModuleResult.failed(result.stdout().contains("@missing-tool")
                        ? "archive: format " + format + " needs " + tool(format) + " in the image; install it first"
                        : "Error when writing " + (archive ? format.equals("zip") || format.equals("tar") ? format : "tar." + format
                        : format) + " archive at " + dest + ": " + result.stderr().strip(), values);
            }
            changed = result.stdout().contains("@changed");
            archived.addAll(found);
            state = !archive ? "compress" : missing.isEmpty() ? "archive" : "incomplete";
            if (remove) {
                StringBuilder removal = new StringBuilder();
                for (String path : found) {
                    removal.append("rm -rf ").append(Sh.quote(path)).append('\n');
                }
                context.sh(removal.toString());
            }
        }
        if (!context.checkMode() && RemoteFile.read(context, dest, false).exists()) {
            changed |= RemoteFile.applyAttributes(context, args, dest);
        }
        values.put("archived", archived);
        values.put("dest", dest);
        values.put("dest_state", state);
        values.put("arcroot", root);
        values.put("missing", missing);
        values.put("expanded_paths", expanded);
        values.put("expanded_exclude_paths", excluded);
        return ModuleResult.changed(changed, values);
    }

    /** The paths and globs as Python's glob.glob expands them: a glob to the existing paths it matches. */
    private static List<String> expand(ModuleContext context, List<String> patterns) {
        List<String> out = new ArrayList<>();
        for (String pattern : patterns) {
            if (pattern.contains("*") || pattern.contains("?")) {
                String glob = Sh.quote(pattern).replace("*", "'*'").replace("?", "'?'");
                out.addAll(context.sh("for f in " + glob + "; do { [ -e \"$f\" ] || [ -L \"$f\" ]; } && echo \"$f\"; done; true")
                        .stdout().lines().filter(l -> !l.isEmpty()).toList());
            } else {
                out.add(pattern);
            }
        }
        return out;
    }

    /** Ansible's common_path: the directory shared by every path's parent, with a trailing slash. */
    static String commonPath(List<String> paths) {
        List<String> parents = paths.stream().map(p -> PyPaths.parentFolder(p).replaceAll("/+$", "") + "/").toList();
        String prefix = parents.get(0);
        for (String parent : parents) {
            int i = 0;
            while (i < prefix.length() && i < parent.length() && prefix.charAt(i) == parent.charAt(i)) {
                i++;
            }
            prefix = prefix.substring(0, i);
        }
        String dir = prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/')) : "";
        return dir + "/";
    }

    /**
     * Writes the archive and prints {@code @changed} when its members differ from the old one's. Members
     * are named relative to the common root: each target file, and everything below each target directory.
     */
    private static String script(Args args, String format, boolean archive, String dest, String root, List<String> found) {
        StringBuilder s = new StringBuilder("d=").append(Sh.quote(dest)).append("; list=$(mktemp)\n");
        s.append("need() { command -v \"$1\" >/dev/null || { echo @missing-tool; exit 3; }; }\n");
        String signature;
        if (format.equals("zip")) {
            s.append("need zip; need unzip\n");
            signature = "unzip -Z -v \"$d\" 2>/dev/null | grep -E '^(Central directory entry|  file system or|  32-bit CRC)' | sort";
        } else if (archive) {
            s.append("need tar; ").append(switch (format) {
                case "gz" -> "need gzip\n";
                case "bz2" -> "need bzip2\n";
                case "xz" -> "need xz\n";
                default -> "\n";
            });
            signature = "tar -tv --full-time -f \"$d\" 2>/dev/null | sort";
        } else {
            String tool = tool(format);
            s.append("need ").append(tool).append('\n');
            signature = tool + " -dc \"$d\" 2>/dev/null | sha1sum";
        }
        s.append("before=$([ -f \"$d\" ] && ").append(signature).append(")\n");
        s.append("cd ").append(Sh.quote(root)).append(" || exit 1\n");
        if (archive) {
            s.append(": > \"$list\"\n");
            for (String path : found) {
                String member = path.startsWith(root) ? path.substring(root.length()) : path;
                s.append("if [ -d ").append(Sh.quote(member)).append(" ] && [ ! -L ").append(Sh.quote(member)).append(" ]; then ")
                        .append("find ").append(Sh.quote(member)).append(" -mindepth 1 >> \"$list\"; else echo ")
                        .append(Sh.quote(member)).append(" >> \"$list\"; fi\n");
            }
            for (String pattern : args.list("exclusion_patterns")) {
                s.append("grep -v -x -e ").append(Sh.quote(globToBasicRegex(pattern))).append(" \"$list\" > \"$list.k\"; mv \"$list.k\" \"$list\"\n");
            }
            if (format.equals("zip")) {
                s.append("rm -f \"$d\"; zip -q -D \"$d\" -@ < \"$list\" || exit 1\n");
            } else {
                String flag = switch (format) {
                    case "gz" -> " -z";
                    case "bz2" -> " -j";
                    case "xz" -> " -J";
                    default -> "";
                };
                s.append("tar -c").append(flag).append(" -f \"$d\" --no-recursion -T \"$list\" || exit 1\n");
            }
        } else {
            s.append(tool(format)).append(" -c < ").append(Sh.quote(found.get(0))).append(" > \"$d\" || exit 1\n");
        }
        s.append("rm -f \"$list\"\n");
        s.append("after=$(").append(signature).append(")\n");
        s.append("[ \"$before\" = \"$after\" ] || echo @changed\n");
        return s.toString();
    }

    private static String tool(String format) {
        return switch (format) {
            case "bz2" -> "bzip2";
            case "xz" -> "xz";
            case "zip" -> "zip";
            default -> "gzip";
        };
    }

    /** fnmatch's pattern as a grep basic regex: {@code *} and {@code ?} across '/', the rest literal. */
    private static String globToBasicRegex(String glob) {
        StringBuilder out = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> out.append(".*");
                case '?' -> out.append('.');
                case '.', '[', ']', '\\', '^', '$' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
