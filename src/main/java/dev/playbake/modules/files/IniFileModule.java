package dev.playbake.modules.files;

import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.PyStrings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/** {@code ini_file} (community.general 6.6): one option, or a section, of an INI file, edited line by line as Ansible does. */
public final class IniFileModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            path("path").required().aliases("dest"), str("section"), str("option"), str("value"), str("values"),
            str("backup"), str("state"), bool("exclusive"), bool("no_extra_spaces"), bool("allow_no_value"),
            bool("create"), str("mode"), str("owner"), str("group"), str("attributes"), str("seuser"), str("serole"),
            str("setype"), str("selevel"), str("unsafe_writes"))
            .mutuallyExclusive("value", "values");

    /** The name Ansible gives the lines before the first section, so they form a section of their own. */
    private static final String TOP = "ad01e11446efb704fcdbdb21f2c43757423d91c5";
    private static final Pattern BLANK_OR_COMMENT = Pattern.compile("^[ \\t]*([#;].*)?$", Pattern.UNIX_LINES);

    @Override
    public String name() {
        return "ini_file";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String path = args.required("path");
        Optional<String> section = args.string("section");
        Optional<String> option = args.string("option");
        String state = args.string("state", "present");
        boolean exclusive = args.bool("exclusive", true);
        boolean noExtraSpaces = args.bool("no_extra_spaces", false);
        boolean allowNoValue = args.bool("allow_no_value", false);
        List<String> values = args.has("value") ? List.of(args.string("value").orElseThrow()) : args.list("values");
        if (state.equals("present") && !allowNoValue && !args.has("value") && values.isEmpty()) {
            return ModuleResult.failed("Parameter 'value(s)' must be defined if state=present and allow_no_value=False.");
        }
        List<String> unique = new ArrayList<>();
        values.stream().filter(v -> !unique.contains(v)).forEach(unique::add);

        RemoteFile existing = RemoteFile.read(context, path, false);
        List<String> lines;
        if (!existing.exists()) {
            if (!args.bool("create", true)) {
                return ModuleResult.failed("Destination " + path + " does not exist!", Map.of("rc", 257));
            }
            lines = new ArrayList<>();
        } else {
            String text = new String(context.connection().fetch(path).orElse(new byte[0]), StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            lines = new ArrayList<>(PyStrings.linesKeepingEnds(text.replace("\r\n", "\n").replace('\r', '\n')));
        }
        Edit edit = edit(lines, section.filter(s -> !s.isEmpty()).orElse(TOP), option.filter(o -> !o.isEmpty()),
                unique, state, exclusive, noExtraSpaces ? "%s=%s\n" : "%s = %s\n", allowNoValue);
        String content = String.join("", edit.lines());
        TextFileWriter.Written written = new TextFileWriter.Written(false, false);
        if (edit.changed() || existing.exists()) {
            written = TextFileWriter.write(context, args, existing, content, edit.changed());
        }
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("before", "");
        diff.put("after", "");
        diff.put("before_header", path + " (content)");
        diff.put("after_header", path + " (content)");
        Map<String, Object> values2 = new LinkedHashMap<>();
        values2.put("diff", diff);
        values2.put("msg", edit.message());
        values2.put("path", path);
        return ModuleResult.changed(edit.changed() || written.changed(), values2);
    }

    private record Edit(List<String> lines, boolean changed, String message) {
    }

    /** The module's do_ini on the file's lines (each with its newline). */
    private static Edit edit(List<String> original, String section, Optional<String> option, List<String> wanted,
                             String state, boolean exclusive, String format, boolean allowNoValue) {
        List<String> values = new ArrayList<>(wanted);
        List<String> lines = new ArrayList<>(original);
        boolean changed = false;
        if (lines.isEmpty()) {
            lines.add("\n");
        }
        String last = lines.get(lines.size() - 1);
        if (last.isEmpty() || !last.endsWith("\n")) {
            lines.set(lines.size() - 1, last + "\n");
            changed = true;
        }
        lines.add(0, "[" + TOP + "]");
        lines.add("[");
        boolean within = section.isEmpty();
        int start = 0;
        int end = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("[" + section + "]")) {
                within = true;
                start = i;
            } else if (line.startsWith("[") && within) {
                end = i;
                break;
            }
        }
        List<String> before = new ArrayList<>(lines.subList(0, start));
        List<String> sectionLines = new ArrayList<>(lines.subList(start, end));
        List<String> after = new ArrayList<>(lines.subList(end, lines.size()));
        List<Boolean> touched = new ArrayList<>();
        sectionLines.forEach(l -> touched.add(false));
        String message = "OK";
        boolean noValuePresent = false;
        Pattern any = option.map(o -> optionPattern(o, true)).orElse(null);
        if (state.equals("present") && option.isPresent()) {
            for (int i = 0; i < sectionLines.size(); i++) {
                Matcher m = any.matcher(sectionLines.get(i));
                if (!m.lookingAt()) {
                    continue;
                }
                String found = m.group(6);
                if (!values.isEmpty() && values.contains(found)) {
                    String newLine;
                    if (found.isEmpty() && allowNoValue) {
                        newLine = option.get() + "\n";
                        noValuePresent = true;
                    } else {
                        newLine = String.format(format, option.get(), found);
                    }
                    if (!sectionLines.get(i).equals(newLine)) {
                        changed = true;
                        message = "option changed";
                    }
                    sectionLines.set(i, newLine);
                    touched.set(i, true);
                    values.remove(found);
                } else if (values.isEmpty() && allowNoValue) {
                    String newLine = option.get() + "\n";
                    if (!sectionLines.get(i).equals(newLine)) {
                        changed = true;
                        message = "option changed";
                    }
                    sectionLines.set(i, newLine);
                    touched.set(i, true);
                    noValuePresent = true;
                    break;
                }
            }
        }
        if (state.equals("present") && exclusive && !allowNoValue) {
            if (!values.isEmpty()) {
                for (int i = 0; i < sectionLines.size(); i++) {
                    if (!touched.get(i) && any != null && any.matcher(sectionLines.get(i)).lookingAt()) {
                        String newLine = String.format(format, option.orElseThrow(), values.remove(0));
                        if (!sectionLines.get(i).equals(newLine)) {
                            changed = true;
                            message = "option changed";
                        }
                        sectionLines.set(i, newLine);
                        touched.set(i, true);
                        if (values.isEmpty()) {
                            break;
                        }
                    }
                }
            }
            for (int i = sectionLines.size() - 1; i > 0; i--) {
                if (!touched.get(i) && matchesOption(option, sectionLines.get(i))) {
                    sectionLines.remove(i);
                    touched.remove(i);
                    changed = true;
                    message = "option changed";
                }
            }
        }
        if (state.equals("present")) {
            for (int index = sectionLines.size(); index > 0; index--) {
                if (!BLANK_OR_COMMENT.matcher(sectionLines.get(index - 1)).lookingAt()) {
                    if (option.isPresent() && !values.isEmpty()) {
                        for (int v = values.size() - 1; v >= 0; v--) {
                            sectionLines.add(index, String.format(format, option.get(), values.get(v)));
                            message = "option added";
                            changed = true;
                        }
                    } else if (option.isPresent() && allowNoValue && !noValuePresent) {
                        sectionLines.add(index, option.get() + "\n");
                        message = "option added";
                        changed = true;
                    }
                    break;
                }
            }
        }
        if (state.equals("absent")) {
            if (option.isPresent()) {
                Pattern active = optionPattern(option.get(), false);
                List<String> kept = new ArrayList<>();
                for (String line : sectionLines) {
                    Matcher m = active.matcher(line);
                    boolean drop = m.lookingAt() && (exclusive || values.contains(m.group(6)));
                    if (!drop) {
                        kept.add(line);
                    }
                }
                if ((exclusive || !values.isEmpty()) && !kept.equals(sectionLines)) {
                    changed = true;
                    message = "option changed";
                    sectionLines = kept;
                }
            } else if (!sectionLines.isEmpty()) {
                sectionLines = new ArrayList<>();
                message = "section removed";
                changed = true;
            }
        }
        List<String> result = new ArrayList<>(before);
        result.addAll(sectionLines);
        result.addAll(after);
        result.remove(0);
        result.remove(result.size() - 1);
        if (!within && state.equals("present")) {
            result.add("[" + section + "]\n");
            message = "section and option added";
            if (option.isPresent() && !values.isEmpty()) {
                values.forEach(v -> result.add(String.format(format, option.get(), v)));
            } else if (option.isPresent() && allowNoValue) {
                result.add(option.get() + "\n");
            } else {
                message = "only section added";
            }
            changed = true;
        }
        return new Edit(result, changed, message);
    }

    private static boolean matchesOption(Optional<String> option, String line) {
        return optionPattern(option.orElse("None"), true).matcher(line).lookingAt();
    }

    /** Ansible's match_opt (commented-out options too) or match_active_opt. */
    private static Pattern optionPattern(String option, boolean commented) {
        return Pattern.compile((commented ? "[#;]?" : "") + "( |\\t)*(" + Pattern.quote(option) + ")( |\\t)*(=|$)( |\\t)*(.*)",
                Pattern.UNIX_LINES);
    }
}
