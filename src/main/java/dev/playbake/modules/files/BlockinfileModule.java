package dev.playbake.modules.files;

import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.PyRegex;
import dev.playbake.python.PyStrings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/** {@code blockinfile}: a block of lines between two marker lines, inserted, replaced or removed, edited in Java. */
public final class BlockinfileModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            path("path").required().aliases("dest", "destfile", "name"),
            str("state").choices("absent", "present").defaultsTo("present"), str("marker"),
            str("block").aliases("content"), str("insertafter"), str("insertbefore"), bool("create"), str("backup"),
            str("validate"), str("marker_begin"), str("marker_end"), str("mode"), str("owner"), str("group"),
            str("unsafe_writes"), str("attributes"), str("seuser"), str("serole"), str("setype"), str("selevel"))
            .mutuallyExclusive("insertbefore", "insertafter");

    @Override
    public String name() {
        return "blockinfile";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String path = args.required("path");
        boolean present = args.string("state").orElseThrow().equals("present");
        RemoteFile existing = RemoteFile.read(context, path, false);
        if (existing.isDirectory()) {
            return ModuleResult.failed("Path " + path + " is a directory !", Map.of("rc", 256));
        }
        if (!existing.exists() && !args.bool("create", false)) {
            return ModuleResult.failed("Path " + path + " does not exist !", Map.of("rc", 257));
        }
        if (!present && !existing.exists()) {
            return ModuleResult.ok(Map.of("msg", "File " + path + " not present"));
        }
        String original = existing.exists()
                ? new String(context.connection().fetch(path).orElse(new byte[0]), StandardCharsets.UTF_8) : null;
        List<String> lines = original == null ? new ArrayList<>() : PyStrings.linesKeepingEnds(original);
        String marker = args.string("marker", "# {mark} ANSIBLE MANAGED BLOCK");
        String begin = marker.replace("{mark}", args.string("marker_begin", "BEGIN")) + "\n";
        String end = marker.replace("{mark}", args.string("marker_end", "END")) + "\n";
        String block = args.string("block").or(() -> args.string("content")).orElse("");
        List<String> blockLines = new ArrayList<>();
        if (present && !block.isEmpty()) {
            blockLines.add(begin);
            blockLines.addAll(PyStrings.linesKeepingEnds(block.endsWith("\n") ? block : block + "\n"));
            blockLines.add(end);
        }
        int n0 = -1;
        int n1 = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals(begin)) {
                n0 = i;
            }
            if (lines.get(i).equals(end)) {
                n1 = i;
            }
        }
        if (n0 < 0 || n1 < 0) {
            n0 = insertionPoint(lines, args.string("insertafter").orElse(null), args.string("insertbefore").orElse(null));
        } else if (n0 < n1) {
            lines.subList(n0, n1 + 1).clear();
        } else {
            lines.subList(n1, n0 + 1).clear();
            n0 = n1;
        }
        if (n0 > 0 && !lines.get(n0 - 1).endsWith("\n")) {
            lines.set(n0 - 1, lines.get(n0 - 1) + "\n");
        }
        lines.addAll(n0, blockLines);
        String result = String.join("", lines);
        String message = result.equals(original) ? "" : original == null ? "File created"
                : blockLines.isEmpty() ? "Block removed" : "Block inserted";
        boolean changed = !result.equals(original);
        TextFileWriter.Written written = TextFileWriter.write(context, args, existing, result, changed);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("msg", TextFileWriter.message(message, written));
        return ModuleResult.changed(written.changed(), values);
    }

    /** Where a new block goes: after the last line matching insertafter, before the last matching insertbefore. */
    private static int insertionPoint(List<String> lines, String after, String before) {
        String pattern = after != null && !after.equals("EOF") ? after : before != null && !before.equals("BOF") ? before : null;
        if (pattern == null) {
            return before != null ? 0 : lines.size();
        }
        Pattern re = PyRegex.compile(pattern, 0).pattern();
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (re.matcher(lines.get(i)).find()) {
                found = i;
            }
        }
        if (found < 0) {
            return lines.size();
        }
        return after != null ? found + 1 : found;
    }
}
