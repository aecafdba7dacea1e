package dev.playbake.modules.files;

import dev.playbake.connection.FileEntry;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.PyStrings;
import dev.playbake.python.Sh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/** {@code lineinfile}: ensure a line is present (replacing a matching one) or absent, edited in Java. */
public final class LineinfileModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            path("path").required().aliases("dest", "name"), str("line").aliases("value"),
            str("regexp").aliases("regex"), str("search_string"),
            str("state").choices("absent", "present").defaultsTo("present"), str("insertafter"), str("insertbefore"),
            bool("create"), bool("backrefs"), bool("firstmatch"), str("mode"), str("owner"), str("group"),
            str("backup"), str("validate"), str("unsafe_writes"), str("attributes"), str("others"), str("seuser"),
            str("serole"), str("setype"), str("selevel"));

    @Override
    public String name() {
        return "lineinfile";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String path = args.required("path");
        String state = args.string("state").orElseThrow();
        String regexp = args.string("regexp").or(() -> args.string("regex")).orElse(null);
        String search = args.string("search_string").orElse(null);
        String line = args.string("line").or(() -> args.string("value")).orElse(null);
        boolean firstMatch = args.bool("firstmatch", false);

        RemoteFile existing = RemoteFile.read(context, path, false);
        if (existing.isDirectory()) {
            return ModuleResult.failed("Path " + path + " is a directory !", Map.of("rc", 256));
        }
        List<String> lines;
        if (!existing.exists()) {
            if (state.equals("absent")) {
                return ModuleResult.ok(Map.of("msg", "file not present", "backup", ""));
            }
            if (!args.bool("create", false)) {
                return ModuleResult.failed("Destination " + path + " does not exist !", Map.of("rc", 257));
            }
            lines = new ArrayList<>();
        } else {
            String text = new String(context.connection().fetch(path).orElse(new byte[0]), StandardCharsets.UTF_8);
            lines = PyStrings.linesKeepingEnds(text);
        }
        Pattern pattern = regexp == null ? null : Pattern.compile(regexp);
        String message;
        boolean changed;
        List<String> result = new ArrayList<>(lines);
        if (state.equals("absent")) {
            if (pattern == null && search == null && line == null) {
                throw new ModuleException("one of the following is required: line, regexp, search_string");
            }
            int before = result.size();
            result.removeIf(l -> {
                String bare = stripEnd(l);
                return pattern != null ? pattern.matcher(bare).find()
                        : search != null ? bare.contains(search) : bare.equals(line);
            });
            int removed = before - result.size();
            changed = removed > 0;
            message = changed ? removed + " line(s) removed" : "";
        } else {
            if (line == null) {
                throw new ModuleException("state=present requires line");
            }
            boolean backrefs = args.bool("backrefs", false);
            int match = -1;
            for (int i = 0; i < result.size(); i++) {
                String bare = stripEnd(result.get(i));
                boolean hit = pattern != null ? pattern.matcher(bare).find() : search != null && bare.contains(search);
                if (hit) {
                    match = i;
                    if (firstMatch) {
                        break;
                    }
                }
            }
            if (match >= 0) {
                String newLine = line;
                if (backrefs && pattern != null) {
                    Matcher m = pattern.matcher(stripEnd(result.get(match)));
                    m.find();
                    newLine = expand(m, line);
                }
                changed = !stripEnd(result.get(match)).equals(newLine);
                result.set(match, newLine + lineEnd(result.get(match)));
                message = changed ? "line replaced" : "";
            } else if (backrefs) {
                changed = false;
                message = "";
            } else if (result.stream().anyMatch(l -> stripEnd(l).equals(line))) {
                changed = false;
                message = "";
            } else {
                int at = insertionPoint(result, args.string("insertafter").orElse(null),
                        args.string("insertbefore").orElse(null), firstMatch);
                if (at > 0 && at == result.size() && !result.get(at - 1).endsWith("\n")) {
                    result.set(at - 1, result.get(at - 1) + "\n");
                }
                result.add(at, line + "\n");
                changed = true;
                message = "line added";
            }
        }
        if (changed && !context.checkMode()) {
            byte[] content = String.join("", result).getBytes(StandardCharsets.UTF_8);
            int mode = existing.exists() ? Integer.parseInt(existing.mode(), 8) : RemoteFile.octal(args.raw("mode")).orElse(0644);
            context.connection().put(List.of(new FileEntry(path, content, mode)));
            if (existing.exists()) {
                context.sh("chown " + existing.uid() + ":" + existing.gid() + " " + Sh.quote(path));
            }
        }
        if (!context.checkMode() && (args.has("mode") || args.has("owner") || args.has("group"))) {
            var attrs = context.sh(RemoteFile.applyAttributes(path, args.string("owner", ""), args.string("group", ""),
                    args.raw("mode"), false));
            if (attrs.stdout().contains("changed")) {
                if (!changed) {
                    message = "ownership, perms or SE linux context changed";
                }
                changed = true;
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("msg", message);
        values.put("backup", "");
        return ModuleResult.changed(changed, values);
    }

    private static int insertionPoint(List<String> lines, String after, String before, boolean firstMatch) {
        if (before != null) {
            if (before.equals("BOF")) {
                return 0;
            }
            int found = matchingLine(lines, Pattern.compile(before), firstMatch);
            return found >= 0 ? found : lines.size();
        }
        if (after != null && !after.equals("EOF")) {
            int found = matchingLine(lines, Pattern.compile(after), firstMatch);
            return found >= 0 ? found + 1 : lines.size();
        }
        return lines.size();
    }

    /** The last line the pattern finds (the first with firstmatch), or -1. */
    private static int matchingLine(List<String> lines, Pattern pattern, boolean firstMatch) {
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (pattern.matcher(stripEnd(lines.get(i))).find()) {
                found = i;
                if (firstMatch) {
                    break;
                }
            }
        }
        return found;
    }

    private static String expand(Matcher m, String template) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                int group = template.charAt(++i) - '0';
                String value = group <= m.groupCount() ? m.group(group) : "";
                out.append(value == null ? "" : value);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String stripEnd(String line) {
        return line.endsWith("\r\n") ? line.substring(0, line.length() - 2)
                : line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    }

    private static String lineEnd(String line) {
        return line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "";
    }
}
