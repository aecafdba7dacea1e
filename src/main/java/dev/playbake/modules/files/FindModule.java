package dev.playbake.modules.files;

import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.Fnmatch;
import dev.playbake.python.PyPaths;
import dev.playbake.python.PyRegex;
import dev.playbake.python.Sh;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.integer;
import static dev.playbake.modules.Argument.list;
import static dev.playbake.modules.Argument.str;

/**
 * {@code find}: files matching patterns, age, size and content. The container lists every entry
 * with {@code find … -exec stat} (GNU and busybox alike, one exec); the filters run here with
 * Python's rules (fnmatch, {@code re.match}), and entries come back in the order os.walk gives. Its length is
 * Ansible's: find has a dozen independent filters (patterns, excludes, age, size, contains, depth, hidden, file type),
 * each a few lines here.
 */
public final class FindModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            list("paths").required().aliases("name", "path"), list("patterns").aliases("pattern"),
            list("excludes").aliases("exclude"), str("contains"), bool("read_whole_file"),
            str("file_type").choices("any", "directory", "file", "link"), str("age"), str("age_stamp"), str("size"),
            bool("recurse"), bool("hidden"), bool("follow"), bool("get_checksum"), bool("use_regex"),
            integer("depth"));

    private static final String STAT = "%f|%i|%d|%h|%u|%g|%s|%X|%Y|%Z|%U|%G|%n";
    private static final Pattern AGE = Pattern.compile("^(-?\\d+)([smhdw])?$");
    private static final Pattern SIZE = Pattern.compile("^(-?\\d+)([bkmgt])?$");

    /** One directory entry as stat saw it (never following a link). */
    private record Entry(String path, int rawMode, long inode, long dev, long nlink, int uid, int gid, long size,
                         long atime, long mtime, long ctime, String owner, String group) {
        int type() {
            return rawMode & 0170000;
        }

        boolean isDir() {
            return type() == 0040000;
        }

        boolean isReg() {
            return type() == 0100000;
        }

        boolean isLink() {
            return type() == 0120000;
        }

        String name() {
            return PyPaths.basename(path);
        }

        String parent() {
            int slash = path.lastIndexOf('/');
            return slash <= 0 ? "/" : path.substring(0, slash);
        }
    }

    @Override
    public String name() {
        return "find";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        List<String> paths = firstList(args, "paths", "name", "path");
        if (paths.isEmpty()) {
            throw new ModuleException("missing required arguments: paths");
        }
        boolean useRegex = args.bool("use_regex", false);
        List<String> patterns = firstList(args, "patterns", "pattern");
        if (patterns.isEmpty()) {
            patterns = List.of(useRegex ? ".*" : "*");
        }
        List<String> excludes = firstList(args, "excludes", "exclude");
        String fileType = args.string("file_type", "file");
        String ageStamp = args.string("age_stamp", "mtime");
        Optional<Long> age = args.string("age").map(a -> amount(AGE, a, "age", Map.of("s", 1L, "m", 60L, "h", 3600L,
                "d", 86400L, "w", 604800L)));
        Optional<Long> size = args.string("size").map(s -> amount(SIZE, s, "size", Map.of("b", 1L, "k", 1024L,
                "m", 1024L * 1024, "g", 1024L * 1024 * 1024, "t", 1024L * 1024 * 1024 * 1024)));
        boolean recurse = args.bool("recurse", false);
        boolean hidden = args.bool("hidden", false);
        boolean follow = args.bool("follow", false);
        int depth = args.integer("depth").orElse(0);
        Optional<String> contains = args.string("contains");
        boolean wholeFile = args.bool("read_whole_file", false);

        // entries one level deeper than depth are looked at (and counted) by os.walk, never matched
        String maxDepth = !recurse ? " -maxdepth 1" : depth > 0 ? " -maxdepth " + (depth + 1) : "";
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < paths.size(); i++) {
            String p = expandHome(paths.get(i));
            script.append("p=").append(p).append("; if [ -d \"$p\" ]; then echo \"D|").append(i).append("\"; find ")
                    .append(follow ? "-L " : "").append("\"$p\" -mindepth 1").append(maxDepth)
                    .append(" -exec stat -c '").append(STAT).append("' {} + 2>/dev/null; else echo \"N|").append(i)
                    .append("\"; fi\n");
        }
        var listing = context.sh(script.toString());
        Map<String, Object> skipped = new LinkedHashMap<>();
        List<Entry> candidates = new ArrayList<>();
        long examined = 0;
        long now = System.currentTimeMillis() / 1000;
        Map<Integer, List<Entry>> byPath = parse(listing.stdout());
        for (int i = 0; i < paths.size(); i++) {
            List<Entry> entries = byPath.get(i);
            if (entries == null) {
                String path = paths.get(i);
                skipped.put(path, "'" + path + "' is not a directory");
                continue;
            }
            String root = normalize(paths.get(i));
            examined += entries.size();
            for (Entry entry : walkOrder(root, entries)) {
                if (depth > 0 && depthBelow(root, entry.path()) > depth) {
                    continue;
                }
                if (entry.name().startsWith(".") && !hidden) {
                    continue;
                }
                if (!nameMatches(entry.name(), patterns, excludes, useRegex)) {
                    continue;
                }
                long stamp = switch (ageStamp) {
                    case "atime" -> entry.atime();
                    case "ctime" -> entry.ctime();
                    default -> entry.mtime();
                };
                boolean ageOk = age.map(a -> a >= 0 ? now - stamp >= a : now - stamp <= -a).orElse(true);
                boolean sizeOk = size.map(s -> s >= 0 ? entry.size() >= s : entry.size() <= -s).orElse(true);
                boolean wanted = switch (fileType) {
                    case "any" -> ageOk && (!entry.isReg() || sizeOk);
                    case "directory" -> entry.isDir() && ageOk;
                    case "link" -> entry.isLink() && ageOk;
                    default -> entry.isReg() && ageOk && sizeOk;
                };
                if (wanted) {
                    candidates.add(entry);
                }
            }
        }
        boolean checksums = args.bool("get_checksum", false) && !fileType.equals("directory")
                && !fileType.equals("link");
        boolean byContent = contains.isPresent() && fileType.equals("file");
        Map<String, String> checksum = new LinkedHashMap<>();
        Map<String, byte[]> content = new LinkedHashMap<>();
        if ((checksums || byContent) && candidates.stream().anyMatch(Entry::isReg)) {
            readFiles(context, candidates.stream().filter(Entry::isReg).map(Entry::path).toList(), checksums,
                    byContent, checksum, content);
        }
        List<Object> files = new ArrayList<>();
        for (Entry entry : candidates) {
            if (byContent && !contentMatches(content.get(entry.path()), contains.get(), wholeFile)) {
                continue;
            }
            Map<String, Object> file = statInfo(entry);
            if (checksums && entry.isReg() && checksum.containsKey(entry.path())) {
                file.put("checksum", checksum.get(entry.path()));
            }
            files.add(file);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("files", files);
        values.put("msg", skipped.isEmpty() ? "All paths examined" : "Not all paths examined, check warnings for details");
        values.put("matched", files.size());
        values.put("examined", examined);
        values.put("skipped_paths", skipped);
        return ModuleResult.ok(values);
    }

    private static List<String> firstList(Args args, String... names) {
        for (String name : names) {
            if (args.has(name)) {
                return args.list(name);
            }
        }
        return List.of();
    }

    private static long amount(Pattern syntax, String text, String what, Map<String, Long> units) {
        Matcher m = syntax.matcher(text.toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new ModuleException("failed to process " + what);
        }
        return Long.parseLong(m.group(1)) * (m.group(2) == null ? 1 : units.get(m.group(2)));
    }

    /** Ansible expands {@code ~} in paths; the container's shell knows the home directory. */
    private static String expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return "\"$HOME\"" + Sh.quote(path.substring(1));
        }
        return Sh.quote(path);
    }

    private static Map<Integer, List<Entry>> parse(String stdout) {
        Map<Integer, List<Entry>> byPath = new LinkedHashMap<>();
        List<Entry> current = null;
        for (String line : stdout.split("\n")) {
            if (line.startsWith("D|")) {
                current = new ArrayList<>();
                byPath.put(Integer.parseInt(line.substring(2)), current);
            } else if (line.startsWith("N|")) {
                current = null;
            } else if (current != null && !line.isEmpty()) {
                String[] f = line.split("\\|", 13);
                if (f.length == 13) {
                    current.add(new Entry(normalize(f[12]), Integer.parseInt(f[0], 16), Long.parseLong(f[1]),
                            Long.parseLong(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                            Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]),
                            f[10].equals("UNKNOWN") ? "" : f[10], f[11].equals("UNKNOWN") ? "" : f[11]));
                }
            }
        }
        return byPath;
    }

    /** os.walk's order: a directory's non-directories, then its directories, then each of those in turn. */
    private static List<Entry> walkOrder(String root, List<Entry> entries) {
        Map<String, List<Entry>> children = new LinkedHashMap<>();
        for (Entry entry : entries) {
            children.computeIfAbsent(entry.parent(), k -> new ArrayList<>()).add(entry);
        }
        List<Entry> ordered = new ArrayList<>();
        walk(root, children, ordered);
        // entries a path spelling kept out of the tree (relative roots) still count, in find's order
        entries.stream().filter(e -> !ordered.contains(e)).forEach(ordered::add);
        return ordered;
    }

    private static void walk(String dir, Map<String, List<Entry>> children, List<Entry> out) {
        List<Entry> here = children.getOrDefault(dir, List.of());
        here.stream().filter(e -> !e.isDir()).forEach(out::add);
        List<Entry> dirs = here.stream().filter(Entry::isDir).toList();
        out.addAll(dirs);
        for (Entry sub : dirs) {
            walk(sub.path(), children, out);
        }
        here.stream().filter(Entry::isLink).forEach(link -> walk(link.path(), children, out));
    }

    static String normalize(String path) {
        String collapsed = path.replaceAll("/+", "/").replaceAll("(/\\.)+(/|$)", "/");
        if (collapsed.startsWith("./")) {
            collapsed = collapsed.substring(2);
        }
        return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1)
                : collapsed;
    }

    private static int depthBelow(String root, String path) {
        String base = root.endsWith("/") ? root : root + "/";
        return (int) (path.chars().filter(c -> c == '/').count() - base.chars().filter(c -> c == '/').count()) + 1;
    }

    private static boolean nameMatches(String name, List<String> patterns, List<String> excludes, boolean regex) {
        for (String pattern : patterns) {
            if (matches(name, pattern, regex)) {
                return excludes.stream().noneMatch(e -> matches(name, e, regex));
            }
        }
        return false;
    }

    private static boolean matches(String name, String pattern, boolean regex) {
        if (regex) {
            return PyRegex.compile(pattern, 0).pattern().matcher(name).lookingAt();
        }
        return Pattern.compile(Fnmatch.translate(pattern), Pattern.DOTALL).matcher(name).matches();
    }

    private static void readFiles(ModuleContext context, List<String> paths, boolean checksums, boolean contents,
                                  Map<String, String> checksum, Map<String, byte[]> content) {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < paths.size(); i++) {
            String p = Sh.quote(paths.get(i));
            script.append("echo '@").append(i).append("'; ");
            if (checksums) {
                script.append("sha1sum ").append(p).append(" 2>/dev/null | cut -d' ' -f1; ");
            } else {
                script.append("echo; ");
            }
            if (contents) {
                script.append("base64 ").append(p).append(" 2>/dev/null; ");
            }
            script.append('\n');
        }
        var result = context.sh(script.toString());
        int index = -1;
        StringBuilder encoded = new StringBuilder();
        boolean first = false;
        for (String line : (result.stdout() + "@end").split("\n")) {
            if (line.startsWith("@")) {
                if (index >= 0) {
                    content.put(paths.get(index), Base64.getDecoder().decode(encoded.toString()));
                }
                encoded.setLength(0);
                index = line.equals("@end") ? -1 : Integer.parseInt(line.substring(1));
                first = true;
            } else if (first) {
                if (!line.isEmpty()) {
                    checksum.put(paths.get(index), line.strip());
                }
                first = false;
            } else {
                encoded.append(line.strip());
            }
        }
    }

    /** Python's find: re.match on each line (with its newline), or re.search over the whole file. */
    private static boolean contentMatches(byte[] bytes, String pattern, boolean wholeFile) {
        if (bytes == null) {
            return false;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        Pattern regex = PyRegex.compile(pattern, 0).pattern();
        if (wholeFile) {
            return regex.matcher(text).find();
        }
        for (String line : text.split("(?<=\n)")) {
            if (regex.matcher(line).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> statInfo(Entry e) {
        int mode = e.rawMode();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("path", e.path());
        r.put("mode", String.format("%04o", mode & 07777));
        r.put("isdir", e.isDir());
        r.put("ischr", e.type() == 0020000);
        r.put("isblk", e.type() == 0060000);
        r.put("isreg", e.isReg());
        r.put("isfifo", e.type() == 0010000);
        r.put("islnk", e.isLink());
        r.put("issock", e.type() == 0140000);
        r.put("uid", e.uid());
        r.put("gid", e.gid());
        r.put("size", e.size());
        r.put("inode", e.inode());
        r.put("dev", e.dev());
        r.put("nlink", e.nlink());
        r.put("atime", (double) e.atime());
        r.put("mtime", (double) e.mtime());
        r.put("ctime", (double) e.ctime());
        r.put("gr_name", e.group());
        r.put("pw_name", e.owner());
        r.put("wusr", (mode & 0200) != 0);
        r.put("rusr", (mode & 0400) != 0);
        r.put("xusr", (mode & 0100) != 0);
        r.put("wgrp", (mode & 020) != 0);
        r.put("rgrp", (mode & 040) != 0);
        r.put("xgrp", (mode & 010) != 0);
        r.put("woth", (mode & 02) != 0);
        r.put("roth", (mode & 04) != 0);
        r.put("xoth", (mode & 01) != 0);
        r.put("isuid", (mode & 04000) != 0);
        r.put("isgid", (mode & 02000) != 0);
        return r;
    }
}
