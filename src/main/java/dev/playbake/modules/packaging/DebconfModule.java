package dev.playbake.modules.packaging;

import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.Sh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.str;

/** {@code debconf}: preseeds one question through debconf-set-selections, compared with what debconf-show reports. */
public final class DebconfModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("name").required().aliases("pkg"), str("question").aliases("selection", "setting"), str("vtype"),
            str("value").aliases("answer"), bool("unseen"));

    private static final Set<String> TYPES = Set.of("boolean", "error", "multiselect", "note", "password", "seen",
            "select", "string", "text", "title");

    @Override
    public String name() {
        return "debconf";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String pkg = args.required("name");
        Optional<String> question = args.string("question").or(() -> args.string("selection"))
                .or(() -> args.string("setting"));
        Optional<String> vtype = args.string("vtype");
        Object rawValue = args.has("value") ? args.raw("value") : args.raw("answer");
        // Ansible turns a YAML boolean given to this str option into Python's True/False
        Optional<String> value = Optional.ofNullable(rawValue)
                .map(v -> v instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(v));
        boolean unseen = args.bool("unseen", false);
        if (vtype.isPresent() && !TYPES.contains(vtype.get())) {
            return ModuleResult.failed("value of vtype must be one of: boolean, error, multiselect, note, password, seen,"
                    + " select, string, text, title, got: " + vtype.get());
        }
        long given = java.util.stream.Stream.of(question, vtype, value).filter(Optional::isPresent).count();
        if (given > 0 && given < 3) {
            return ModuleResult.failed("parameters are required together: question, vtype, value");
        }
        ExecResult shown = context.sh("command -v debconf-show >/dev/null 2>&1 || { echo 'Failed to find required"
                + " executable debconf-show in paths: /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' >&2;"
                + " exit 1; }; debconf-show " + Sh.quote(pkg));
        if (!shown.succeeded()) {
            return ModuleResult.failed(shown.stderr());
        }
        Map<String, Object> previous = new LinkedHashMap<>();
        for (String line : shown.stdout().split("\n")) {
            int colon = line.indexOf(':');
            if (colon >= 0) {
                previous.put(stripStars(line.substring(0, colon)).strip(), line.substring(colon + 1).strip());
            }
        }
        boolean changed = false;
        String wanted = value.orElse("");
        if (question.isPresent()) {
            Object existing = previous.get(question.get());
            if (existing == null) {
                changed = true;
            } else {
                String current = String.valueOf(existing);
                if (vtype.get().equals("boolean")) {
                    wanted = wanted.toLowerCase(Locale.ROOT);
                    current = current.toLowerCase(Locale.ROOT);
                }
                changed = !wanted.equals(current);
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("msg", "");
        if (!changed) {
            values.put("current", previous);
            return ModuleResult.changed(false, values);
        }
        if (!context.checkMode()) {
            String data = wanted;
            if (vtype.get().equals("boolean")) {
                data = data.equals("True") ? "true" : data.equals("False") ? "false" : data;
            }
            List<String> argv = new ArrayList<>(List.of("debconf-set-selections"));
            if (unseen) {
                argv.add("-u");
            }
            String line = String.join(" ", pkg, question.get(), vtype.get(), data) + "\n";
            ExecResult set = context.exec(ExecRequest.of(argv.toArray(String[]::new)).withStdin(line.getBytes(StandardCharsets.UTF_8)));
            if (!set.succeeded()) {
                return ModuleResult.failed(set.stderr());
            }
            values.put("msg", set.stdout());
        }
        Map<String, Object> before = new LinkedHashMap<>();
        before.put(question.get(), previous.getOrDefault(question.get(), ""));
        values.put("current", Map.of(question.get(), wanted));
        values.put("previous", before);
        values.put("diff", Map.of());
        return ModuleResult.changed(true, values);
    }

    private static String stripStars(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '*') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '*') {
            end--;
        }
        return text.substring(start, end);
    }
}
