package dev.playbake.playbook;

import static dev.playbake.playbook.Nodes.stringKeys;
import static dev.playbake.playbook.Nodes.vars;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The keywords of a task, block or role entry, read into {@link TaskOptions}. */
final class Keywords {

    static final Set<String> TASK_KEYS = Set.of("name", "action", "local_action", "args", "async", "poll",
            "become", "become_user", "become_method", "become_flags", "become_exe", "changed_when", "check_mode",
            "collections", "connection", "debugger", "delay", "delegate_facts", "delegate_to", "diff", "environment",
            "failed_when", "ignore_errors", "ignore_unreachable", "loop", "loop_control", "module_defaults", "no_log",
            "notify", "port", "register", "remote_user", "retries", "run_once", "tags", "throttle", "timeout",
            "until", "vars", "when", "listen", "any_errors_fatal", "block", "rescue", "always");

    private Keywords() {
    }

    static TaskOptions options(LocatedMap map, Location at) {
        String loopKind = "";
        Object loop = null;
        for (String key : map.keySet()) {
            if (key.equals("loop") || key.startsWith("with_")) {
                if (loop != null) {
                    throw new PlaybookException(at, "only one of loop / with_* may be used in a task: " + loopKind
                            + " and " + key);
                }
                loopKind = key;
                loop = map.get(key);
            }
        }
        Object loopControl = map.get("loop_control");
        if (loopControl != null && !(loopControl instanceof Map)) {
            throw new PlaybookException(at, "'loop_control' must be a mapping");
        }
        return new TaskOptions(
                conditions(map.get("when")),
                Optional.ofNullable(loop),
                loopKind,
                loopControl == null ? Map.of() : stringKeys((Map<?, ?>) loopControl),
                Optional.ofNullable(map.get("register")).map(String::valueOf),
                Optional.ofNullable(map.get("changed_when")),
                Optional.ofNullable(map.get("failed_when")),
                Optional.ofNullable(map.get("ignore_errors")),
                Optional.ofNullable(map.get("until")),
                Optional.ofNullable(map.get("retries")),
                Optional.ofNullable(map.get("delay")),
                strings(map.get("notify")),
                strings(map.get("listen")),
                strings(map.get("tags")),
                Optional.ofNullable(map.get("become")),
                Optional.ofNullable(map.get("become_user")),
                environment(map.get("environment"), at),
                vars(map.get("vars"), at, "vars"),
                Optional.ofNullable(map.get("no_log")),
                Optional.ofNullable(map.get("delegate_to")).map(String::valueOf),
                truthy(map.get("run_once")),
                Optional.ofNullable(map.get("check_mode")),
                truthy(map.get("any_errors_fatal")));
    }

    private static boolean truthy(Object value) {
        return value instanceof Boolean b ? b : value != null && Set.of("yes", "true", "on", "1")
                .contains(String.valueOf(value).toLowerCase(Locale.ROOT));
    }

    private static List<Object> conditions(Object when) {
        if (when == null) {
            return List.of();
        }
        if (when instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        return List.of(when);
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        String text = String.valueOf(value);
        return text.contains(",") && !text.contains("{{")
                ? java.util.Arrays.stream(text.split(",")).map(String::strip).toList() : List.of(text);
    }

    /** {@code environment}: a mapping, a list of them, or a template of one, kept to be rendered per task. */
    private static Map<String, Object> environment(Object value, Location at) {
        if (value instanceof String template) {
            return Map.of(TaskOptions.TEMPLATED_ENVIRONMENT, template);
        }
        return vars(value, at, "environment");
    }
}
