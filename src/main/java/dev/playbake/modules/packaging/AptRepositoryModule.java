package dev.playbake.modules.packaging;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.PyStrings;
import dev.playbake.python.Sh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.str;

/**
 * {@code apt_repository}: one-line sources in /etc/apt/sources.list and sources.list.d/*.list,
 * parsed, edited and written back in Ansible's format, with its file name derivation.
 */
public final class AptRepositoryModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("repo").required(), str("state").choices("absent", "present").defaultsTo("present"), str("mode"),
            bool("update_cache").aliases("update-cache"), str("update_cache_retries"),
            str("update_cache_retry_max_delay"), str("filename"), str("install_python_apt"), str("validate_certs"),
            str("codename"));

    private static final String SOURCES_LIST = "/etc/apt/sources.list";
    private static final String SOURCE_PARTS = "/etc/apt/sources.list.d/";
    private static final List<String> TYPES = List.of("deb", "deb-src");

    /** One line of a sources file as the module parses it. */
    private record Line(boolean valid, boolean enabled, String source, String comment) {

        Line enable() {
            return new Line(valid, true, source, comment);
        }

        String render() {
            return (enabled ? "" : "# ") + source + (comment.isEmpty() ? "" : " # " + comment) + "\n";
        }
    }

    /** A source line that is not valid or not enabled, with the text Ansible reports. */
    private static final class InvalidSource extends RuntimeException {
        InvalidSource(String line) {
            super(line, null, false, false);
        }
    }

    @Override
    public String name() {
        return "apt_repository";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String repo = args.string("repo").orElse("");
        String state = args.string("state").orElseThrow();
        if (repo.isEmpty()) {
            return ModuleResult.failed("Please set argument 'repo' to a non-empty value");
        }
        if (repo.startsWith("ppa:")) {
            return ModuleResult.failed("apt_repository: PPAs are Ubuntu's and need Launchpad; give the repository's"
                    + " deb line (and its key with apt_key or a signed-by file)");
        }
        boolean updateCache = args.bool("update_cache", args.bool("update-cache", true));
        Map<String, List<Line>> files = load(context);
        Map<String, String> before = dump(files);
        try {
            String source = parse(repo, true).source();
            if (state.equals("present")) {
                add(files, source, args.string("filename"));
            } else {
                remove(files, source);
            }
        } catch (InvalidSource e) {
            return ModuleResult.failed("Invalid repository string: " + e.getMessage());
        }
        Map<String, String> after = dump(files);
        boolean changed = !before.equals(after);
        if (changed && !context.checkMode()) {
            List<FileEntry> writes = new ArrayList<>();
            StringBuilder script = new StringBuilder();
            for (Map.Entry<String, List<Line>> file : files.entrySet()) {
                String path = file.getKey();
                if (file.getValue().isEmpty()) {
                    script.append("rm -f ").append(Sh.quote(path)).append("; ");
                } else if (!after.get(path).equals(before.get(path))) {
                    boolean created = !before.containsKey(path) && !context.sh("[ -e " + Sh.quote(path) + " ]").succeeded();
                    int mode = created ? 0644 : Integer.parseInt(context.sh("stat -c %a " + Sh.quote(path)).stdout().strip(), 8);
                    writes.add(new FileEntry(path, after.get(path).getBytes(StandardCharsets.UTF_8), mode));
                    if (created && args.has("mode")) {
                        script.append("chmod ").append(RemoteFile.chmodArgument(args.raw("mode"))).append(' ')
                                .append(Sh.quote(path)).append("; ");
                    }
                }
            }
            if (!writes.isEmpty()) {
                context.connection().put(writes);
            }
            if (!script.isEmpty()) {
                context.sh(script.toString());
            }
            if (updateCache) {
                ExecResult update = context.sh("apt-get update -q");
                if (!update.succeeded()) {
                    restore(context, before, after);
                    return ModuleResult.failed("Failed to update apt cache: " + update.stderr().strip());
                }
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("repo", repo);
        values.put("state", state);
        values.put("diff", Map.of());
        return ModuleResult.changed(changed, values);
    }

    /** Ansible's revert_sources_list: files the task created go, the others get their old text back. */
    private static void restore(ModuleContext context, Map<String, String> before, Map<String, String> after) {
        List<FileEntry> writes = new ArrayList<>();
        StringBuilder script = new StringBuilder(":");
        for (String path : after.keySet()) {
            if (!before.containsKey(path)) {
                script.append("; rm -f ").append(Sh.quote(path));
            }
        }
        before.forEach((path, text) -> writes.add(new FileEntry(path, text.getBytes(StandardCharsets.UTF_8), 0644)));
        context.connection().put(writes);
        context.sh(script.toString());
    }

    private static Map<String, List<Line>> load(ModuleContext context) {
        Map<String, List<Line>> files = new LinkedHashMap<>();
        String listing = context.sh("[ -f " + SOURCES_LIST + " ] && echo " + SOURCES_LIST + "; for f in " + SOURCE_PARTS
                + "*.list; do [ -f \"$f\" ] && echo \"$f\"; done; true").stdout();
        for (String path : listing.split("\n")) {
            if (path.isEmpty()) {
                continue;
            }
            String text = context.connection().fetch(path).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
            List<Line> lines = new ArrayList<>();
            PyStrings.linesKeepingEnds(text).forEach(line -> lines.add(parse(line, false)));
            files.put(path, lines);
        }
        return files;
    }

    private static Line parse(String raw, boolean strict) {
        boolean valid = false;
        boolean enabled = true;
        String comment = "";
        String line = raw.strip();
        if (line.startsWith("#")) {
            enabled = false;
            line = line.substring(1);
        }
        int hash = line.indexOf('#');
        if (hash > 0) {
            comment = line.substring(hash + 1).strip();
            line = line.substring(0, hash);
        }
        String source = line.strip();
        if (!source.isEmpty()) {
            String[] chunks = source.split("\\s+");
            if (TYPES.contains(chunks[0])) {
                valid = true;
                source = String.join(" ", chunks);
            }
        }
        if (strict && (!valid || !enabled)) {
            throw new InvalidSource(line);
        }
        return new Line(valid, enabled, source, comment);
    }

    private static void add(Map<String, List<Line>> files, String source, Optional<String> filename) {
        boolean found = false;
        for (List<Line> lines : files.values()) {
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                if (line.valid() && line.source().equals(source)) {
                    lines.set(i, line.enable());
                    found = true;
                }
            }
        }
        if (!found) {
            String name = filename.orElseGet(() -> suggestedName(source)) + ".list";
            String path = name.contains("/") ? name : SOURCE_PARTS + name;
            files.computeIfAbsent(path, p -> new ArrayList<>()).add(new Line(true, true, source, ""));
        }
    }

    private static void remove(Map<String, List<Line>> files, String source) {
        for (List<Line> lines : files.values()) {
            lines.removeIf(line -> line.valid() && line.enabled() && line.source().equals(source));
        }
    }

    /** Ansible's _suggest_filename: the repository's host and path, without scheme, options or credentials. */
    static String suggestedName(String source) {
        String line = source.replaceAll("\\[[^\\]]+\\]", "").replaceAll("\\w+://", "");
        List<String> parts = new ArrayList<>();
        for (String part : line.strip().split("\\s+")) {
            if (!part.isEmpty() && !TYPES.contains(part)) {
                parts.add(part);
            }
        }
        String first = parts.isEmpty() ? "" : parts.get(0);
        if (first.contains("@")) {
            first = first.substring(first.indexOf('@') + 1);
        }
        return String.join("_", List.of(first.replaceAll("[^a-zA-Z0-9]", " ").strip().split("\\s+")));
    }

    private static Map<String, String> dump(Map<String, List<Line>> files) {
        Map<String, String> dump = new LinkedHashMap<>();
        files.forEach((path, lines) -> {
            if (!lines.isEmpty()) {
                dump.put(path, String.join("", lines.stream().map(Line::render).toList()));
            }
        });
        return dump;
    }
}
