package dev.playbake.modules.files;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.LocalFiles;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.net.GetUrlModule;
import dev.playbake.modules.support.HttpFetch;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.Sh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/**
 * {@code unarchive}: unpacks a tar (gz, bz2, xz, zstd, plain) or zip archive into a directory with the
 * image's GNU tar or unzip, as Ansible does. The archive is the playbook's file, a file in the container
 * ({@code remote_src}) or a URL (with {@code remote_src}; the engine downloads it, like get_url). Whether
 * anything changes is decided as Ansible decides it: {@code tar --diff} against dest for tar archives;
 * for zip, the members unpacked beside dest and compared by content, mode and modification time. Over 300 lines
 * because the two handlers (tar and zip) and their change detection mirror Ansible's own two classes.
 */
public final class UnarchiveModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            path("src").required(), path("dest").required(), bool("remote_src"), path("creates"), bool("list_files"),
            bool("keep_newer"), str("exclude"), str("include"), str("extra_opts"), str("validate_certs"),
            str("io_buffer_size"), bool("copy"), str("decrypt"), str("mode"), str("owner"), str("group"),
            str("seuser"), str("serole"), str("setype"), str("selevel"), str("unsafe_writes"), str("attributes"));

    /** tar --diff lines that mean dest differs from the archive (Ansible's list). */
    private static final Pattern OWNER_DIFF = Pattern.compile(": Uid differs$");
    private static final Pattern GROUP_DIFF = Pattern.compile(": Gid differs$");
    private static final Pattern MODE_DIFF = Pattern.compile(": Mode differs$");
    private static final Pattern OTHER_DIFF = Pattern.compile(
            ": Mod time differs$|: Warning: Cannot stat: No such file or directory$|: Invalid owner|: Invalid group");
    private static final Pattern EMPTY_NAME = Pattern.compile(": : Warning: Cannot stat: No such file or directory$");

    /** The tar compression flags Ansible's handlers try, in its order. */
    private static final List<String> TAR_FLAGS = List.of("-z", "", "-j", "-J", "--zstd");

    private static final String LOCALE = "LANG=C LC_ALL=C LC_MESSAGES=C LANGUAGE=C ";

    @Override
    public String name() {
        return "unarchive";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    /** How the archive is handled: by tar with a compression flag, or by unzip. */
    private record Handler(String name, boolean zip, String flag, List<String> files) {
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String src = args.required("src");
        String dest = args.required("dest");
        if (args.has("copy") && args.has("remote_src")) {
            return ModuleResult.failed("parameters are mutually exclusive: ('copy', 'remote_src')");
        }
        boolean remote = args.has("copy") ? !args.bool("copy", true) : args.bool("remote_src", false);
        if (args.has("include") && args.has("exclude")) {
            return ModuleResult.failed("parameters are mutually exclusive: include|exclude");
        }
        if (args.has("creates") && RemoteFile.read(context, args.string("creates", ""), false).exists()) {
            Map<String, Object> skipped = new LinkedHashMap<>();
            skipped.put("skipped", true);
            skipped.put("msg", "skipped, since " + args.string("creates", "") + " exists");
            return new ModuleResult(skipped);
        }
        byte[] local = null;
        if (!remote) {
            local = context.files().find("files", src).map(LocalFiles.Found::content).orElse(null);
            if (local == null) {
                return ModuleResult.failed("Could not find or access '" + src + "' on the Ansible Controller.");
            }
        }
        if (!RemoteFile.read(context, dest, false).isDirectory()) {
            return ModuleResult.failed("dest '" + dest + "' must be an existing dir");
        }
        String work = "/tmp/.playbake-unarchive-" + UUID.randomUUID();
        try {
            String archive = src;
            if (!remote || src.contains("://")) {
                if (remote) {
                    HttpFetch.Answer answer = HttpFetch.send("unarchive",
                            HttpFetch.Call.of(args, src, "GET", new byte[0], 10), context.egress());
                    if (answer.status() != 200) {
                        return ModuleResult.failed("Failure downloading " + src + ", " + answer.msg());
                    }
                    local = answer.body();
                }
                archive = work + "/" + (remote ? GetUrlModule.urlBasename(src) : "source");
                context.connection().put(List.of(new FileEntry(archive, local, 0600)));
            }
            return unpack(context, args, src.contains("://") ? archive : remote ? src : archive, dest);
        } finally {
            context.sh("rm -rf " + Sh.quote(work));
        }
    }

    private ModuleResult unpack(ModuleContext context, Args args, String archive, String dest) {
        ExecResult size = context.sh("[ -e " + Sh.quote(archive) + " ] || { echo missing; exit; }; stat -c %s " + Sh.quote(archive));
        if (size.stdout().strip().equals("missing")) {
            return ModuleResult.failed("Source '" + archive + "' does not exist");
        }
        if (size.stdout().strip().equals("0")) {
            return ModuleResult.failed("Invalid archive '" + archive + "', the file is 0 bytes");
        }
        List<String> reasons = new ArrayList<>();
        Optional<Handler> found = handler(context, args, archive, dest, reasons);
        if (found.isEmpty()) {
            return ModuleResult.failed("Failed to find handler for \"" + archive + "\". Make sure the required command "
                    + "to extract the file is installed.\n" + String.join("\n", reasons));
        }
        Handler handler = found.get();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("handler", handler.name());
        values.put("dest", dest);
        values.put("src", archive);
        boolean unarchived = handler.zip() ? zipUnarchived(context, archive, dest, !args.has("mode"))
                : tarUnarchived(context, args, handler, archive, dest);
        boolean changed = !unarchived;
        if (!unarchived && !context.checkMode()) {
            String command = handler.zip() ? unzipCommand(args, archive, dest) : tarCommand("--extract", args, handler.flag(), archive, dest, true);
            ExecResult result = context.sh("cd " + Sh.quote(dest) + " && " + LOCALE + command);
            Map<String, Object> extract = new LinkedHashMap<>();
            extract.put("cmd", command);
            extract.put("rc", result.exitCode());
            extract.put("out", result.stdout());
            extract.put("err", result.stderr());
            values.put("extract_results", extract);
            if (!result.succeeded()) {
                return ModuleResult.failed("failed to unpack " + archive + " to " + dest, values);
            }
        }
        if (!context.checkMode() && (args.has("mode") || args.has("owner") || args.has("group"))) {
            changed |= applyAttributes(context, args, dest, handler.files());
        }
        if (args.bool("list_files", false)) {
            values.put("files", handler.files());
        }
        values.putAll(RemoteFile.read(context, dest, false).describe());
        values.put("dest", dest);
        return ModuleResult.changed(changed, values);
    }

    /** The first handler, in Ansible's order, whose tool is present and lists the archive. */
    private Optional<Handler> handler(ModuleContext context, Args args, String archive, String dest, List<String> reasons) {
        ExecResult zip = context.sh("command -v unzip >/dev/null && command -v zipinfo >/dev/null || { echo missing; exit 1; }; "
                + "unzip -l " + Sh.quote(archive) + " >/dev/null 2>&1 && zipinfo -1 " + Sh.quote(archive));
        if (zip.succeeded()) {
            return Optional.of(new Handler("ZipArchive", true, "", kept(args, lines(zip.stdout()))));
        }
        reasons.add(zip.stdout().contains("missing") ? "Unable to find required 'unzip' or 'zipinfo' binary in the path."
                : "Command \"unzip\" could not handle archive");
        ExecResult version = context.sh("tar --version 2>/dev/null | head -1");
        if (!version.stdout().startsWith("tar") || !version.stdout().contains("GNU")) {
            reasons.add(version.stdout().isBlank() ? "Unable to find required 'gtar' or 'tar' binary in the path"
                    : "Command \"tar\" detected as tar type bsd. GNU tar required.");
            return Optional.empty();
        }
        for (String flag : TAR_FLAGS) {
            ExecResult list = context.sh("cd " + Sh.quote(dest) + " && " + LOCALE
                    + tarCommand("--list", args, flag, archive, dest, false));
            List<String> files = kept(args, lines(list.stdout()).stream()
                    .map(name -> name.startsWith("/") ? name.substring(1) : name).toList());
            if (list.succeeded() && !files.isEmpty()) {
                return Optional.of(new Handler(handlerName(flag), false, flag, files));
            }
            reasons.add(list.succeeded() ? "Command \"tar\" found no files in archive. Empty archive files are not supported."
                    : "Command \"tar\" could not handle archive: Unable to list files in the archive: " + list.stderr().strip());
        }
        return Optional.empty();
    }

    private static String handlerName(String flag) {
        return switch (flag) {
            case "-z" -> "TgzArchive";
            case "-j" -> "TarBzipArchive";
            case "-J" -> "TarXzArchive";
            case "--zstd" -> "TarZstdArchive";
            default -> "TarArchive";
        };
    }

    /** {@code tar --diff}, keeping only the differences Ansible counts. */
    private boolean tarUnarchived(ModuleContext context, Args args, Handler handler, String archive, String dest) {
        ExecResult diff = context.sh("cd " + Sh.quote(dest) + " && " + LOCALE
                + tarCommand("--diff", args, handler.flag(), archive, dest, true));
        boolean root = context.sh("id -u").stdout().strip().equals("0");
        for (String line : lines(diff.stdout() + "\n" + diff.stderr())) {
            if (EMPTY_NAME.matcher(line).find()) {
                continue;
            }
            if (root && !args.has("owner") && OWNER_DIFF.matcher(line).find()
                    || root && !args.has("group") && GROUP_DIFF.matcher(line).find()
                    || !args.has("mode") && MODE_DIFF.matcher(line).find()
                    || OTHER_DIFF.matcher(line).find()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Unpacks beside dest and compares each member with dest's copy: presence, type, content, mtime, and
     * the mode unless {@code mode} is given (then Ansible sets it afterwards and does not compare it).
     */
    private boolean zipUnarchived(ModuleContext context, String archive, String dest, boolean compareMode) {
        String stat = compareMode ? "%a %Y" : "%Y";
        String scratch = "/tmp/.playbake-unzip-" + UUID.randomUUID();
        String script = "s=" + Sh.quote(scratch) + "; d=" + Sh.quote(dest) + "; mkdir -p \"$s\" && "
                + "unzip -q -o " + Sh.quote(archive) + " -d \"$s\" >/dev/null 2>&1; cd \"$s\" && "
                + "find . -mindepth 1 | while IFS= read -r f; do t=\"$d/${f#./}\"; "
                + "if [ -d \"$f\" ]; then [ -d \"$t\" ] || echo differs; "
                + "elif [ ! -f \"$t\" ] || ! cmp -s \"$f\" \"$t\" "
                + "|| [ \"$(stat -c '" + stat + "' \"$f\")\" != \"$(stat -c '" + stat + "' \"$t\")\" ]; then echo differs; fi; done; "
                + "rm -rf \"$s\"";
        return !context.sh(script).stdout().contains("differs");
    }

    private static String tarCommand(String operation, Args args, String flag, String archive, String dest, boolean attributes) {
        List<String> words = new ArrayList<>(List.of("tar", operation, "-C", Sh.quote(dest)));
        if (!flag.isEmpty()) {
            words.add(flag);
        }
        List<String> opts = args.list("extra_opts");
        if (!opts.isEmpty()) {
            words.add("--show-transformed-names");
            opts.forEach(o -> words.add(Sh.quote(o)));
        }
        if (attributes) {
            args.string("owner").ifPresent(o -> words.add(Sh.quote("--owner=" + o)));
            args.string("group").ifPresent(g -> words.add(Sh.quote("--group=" + g)));
            if (args.bool("keep_newer", false)) {
                words.add("--keep-newer-files");
            }
        }
        excludes(args).forEach(e -> words.add(Sh.quote("--exclude=" + e)));
        words.add("-f");
        words.add(Sh.quote(archive));
        args.list("include").forEach(i -> words.add(Sh.quote(i)));
        return String.join(" ", words);
    }

    private static String unzipCommand(Args args, String archive, String dest) {
        List<String> words = new ArrayList<>(List.of("unzip", "-o"));
        args.list("extra_opts").forEach(o -> words.add(Sh.quote(o)));
        words.add(Sh.quote(archive));
        args.list("include").forEach(i -> words.add(Sh.quote(i)));
        if (!excludes(args).isEmpty()) {
            words.add("-x");
            excludes(args).forEach(e -> words.add(Sh.quote(e)));
        }
        words.add("-d");
        words.add(Sh.quote(dest));
        return String.join(" ", words);
    }

    /** mode, owner and group on every member and on each top-level folder, as Ansible sets them after unpacking. */
    private static boolean applyAttributes(ModuleContext context, Args args, String dest, List<String> files) {
        List<String> paths = new ArrayList<>();
        for (String file : files) {
            paths.add(dest.replaceAll("/+$", "") + "/" + file);
        }
        files.stream().filter(f -> f.contains("/")).map(f -> f.substring(0, f.indexOf('/'))).distinct()
                .forEach(top -> paths.add(dest.replaceAll("/+$", "") + "/" + top));
        StringBuilder script = new StringBuilder();
        for (String path : paths) {
            script.append(RemoteFile.applyAttributes(path, args.string("owner", ""), args.string("group", ""),
                    args.raw("mode"), false)).append('\n');
        }
        ExecResult result = context.sh(script.toString());
        if (!result.succeeded()) {
            throw new ModuleException("chown/chmod failed: " + result.stderr().strip());
        }
        return result.stdout().contains("changed");
    }

    /** The members not matched by an {@code exclude} pattern. */
    private static List<String> kept(Args args, List<String> members) {
        return members.stream().filter(file -> excludes(args).stream().noneMatch(e -> file.matches(globToRegex(e)))).toList();
    }

    private static List<String> excludes(Args args) {
        return args.list("exclude").stream().map(e -> e.replaceAll("/+$", "")).toList();
    }

    /** fnmatch's pattern as a Java regex: {@code *} matches across '/', as Python's does. */
    private static String globToRegex(String glob) {
        StringBuilder out = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> out.append(".*");
                case '?' -> out.append('.');
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }

    private static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isEmpty()).toList();
    }
}
