package dev.playbake.modules.files;

import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.PyRegex;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/** {@code replace}: every match of a Python regexp in a file (or between after/before) replaced, edited in Java. */
public final class ReplaceModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            path("path").required().aliases("dest", "destfile", "name"), str("regexp").required(), str("replace"),
            str("after"), str("before"), str("backup"), str("validate"), str("encoding"), str("mode"), str("owner"),
            str("group"), str("unsafe_writes"), str("attributes"), str("others"), str("seuser"), str("serole"),
            str("setype"), str("selevel"));

    @Override
    public String name() {
        return "replace";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String path = args.required("path");
        String regexp = args.required("regexp");
        String replacement = args.string("replace", "");
        RemoteFile existing = RemoteFile.read(context, path, false);
        if (!existing.exists()) {
            return ModuleResult.failed("Path " + path + " does not exist !", Map.of("rc", 257));
        }
        if (existing.isDirectory()) {
            return ModuleResult.failed("Path " + path + " is a directory !", Map.of("rc", 256));
        }
        String contents = new String(context.connection().fetch(path).orElse(new byte[0]), StandardCharsets.UTF_8);
        String after = args.string("after", "");
        String before = args.string("before", "");
        String section = contents;
        int start = 0;
        int end = contents.length();
        String sectionPattern = !after.isEmpty() && !before.isEmpty() ? after + "(?P<subsection>.*?)" + before
                : !after.isEmpty() ? after + "(?P<subsection>.*)"
                : !before.isEmpty() ? "(?P<subsection>.*)" + before : "";
        if (!sectionPattern.isEmpty()) {
            PyRegex sectionRe = PyRegex.compile(sectionPattern, Pattern.DOTALL);
            Matcher m = sectionRe.pattern().matcher(contents);
            if (!m.find()) {
                // Ansible's answer: not a failure, nothing to do
                return ModuleResult.ok(Map.of("msg", "Pattern for before/after params did not match the given file: "
                        + sectionPattern));
            }
            String group = sectionRe.group("subsection");
            start = m.start(group);
            end = m.end(group);
            section = m.group(group);
        }
        PyRegex re = PyRegex.compile(regexp, Pattern.MULTILINE);
        Matcher m = re.pattern().matcher(section);
        StringBuilder replaced = new StringBuilder();
        int count = 0;
        while (m.find()) {
            m.appendReplacement(replaced, Matcher.quoteReplacement(re.expand(m, replacement)));
            count++;
        }
        m.appendTail(replaced);
        boolean changed = count > 0 && !replaced.toString().equals(section);
        String result = contents.substring(0, start) + replaced + contents.substring(end);
        TextFileWriter.Written written = TextFileWriter.write(context, args, existing, result, changed);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("msg", TextFileWriter.message(changed ? count + " replacements made" : "", written));
        return ModuleResult.changed(written.changed(), values);
    }
}
