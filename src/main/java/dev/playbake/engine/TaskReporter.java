package dev.playbake.engine;

import dev.playbake.engine.actions.Maps;
import dev.playbake.playbook.Location;
import dev.playbake.python.PyStrings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How a task is shown, apart from how it runs (as Ansible's display is a callback): the listener's
 * calls, the lines ansible-playbook prints, and no_log's censoring of what is shown.
 */
final class TaskReporter {

    /** What Ansible shows instead of a no_log result. */
    static final String CENSORED = "the output has been hidden due to the fact that 'no_log: true' was "
            + "specified for this result";

    private final RunContext context;

    TaskReporter(RunContext context) {
        this.context = context;
    }

    void started(String name, Location location, OptionalInt number) {
        context.listener().taskStarted(name, location, number);
    }

    /** The result as it may be shown: censored under no_log, else with secrets masked. */
    Map<String, Object> shown(TaskResult result, boolean noLog) {
        return noLog ? censored(result.values()) : Maps.copy(context.redactor().redact(result.values()));
    }

    /** Reports the finished task and prints its lines (none under no_log) but those {@code streamed} showed. */
    void finished(String name, Location location, OptionalInt number, String action, TaskStatus status,
                  boolean ignored, Map<String, Object> shown, boolean noLog, Duration took, StreamedLines streamed) {
        if (!noLog) {
            List<StreamedLines.Line> lines = new ArrayList<>();
            output(shown, lines);
            streamed.notStreamed(lines).forEach(line -> context.listener().taskOutput(line.stderr(), line.text()));
        }
        context.listener().taskFinished(new TaskOutcome(name, location, status, ignored, shown, took, number));
        if (!noLog) {
            log(name, action, status, shown);
        }
    }

    /** The command output in a result, a loop's per item, as lines of each stream, in the order they are shown. */
    private static void output(Map<String, Object> result, List<StreamedLines.Line> lines) {
        if (result.get("results") instanceof List<?> items) {
            items.stream().filter(Map.class::isInstance).forEach(item -> output(Maps.copy(item), lines));
        }
        for (String stream : List.of("stdout", "stderr")) {
            Object text = result.get(stream);
            if (text instanceof String output && !output.isEmpty()) {
                PyStrings.splitlines(output).forEach(line -> lines.add(new StreamedLines.Line(stream.equals("stderr"), line)));
            }
        }
    }

    private static Map<String, Object> censored(Map<String, Object> result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("censored", CENSORED);
        out.put("changed", result.getOrDefault("changed", false));
        if (result.containsKey("failed")) {
            out.put("failed", result.get("failed"));
        }
        if (result.containsKey("skipped")) {
            out.put("skipped", result.get("skipped"));
        }
        return out;
    }

    private void log(String name, String action, TaskStatus status, Map<String, Object> result) {
        if (action.equals("debug") && status != TaskStatus.SKIPPED) {
            // what ansible-playbook prints for debug: the message, or the variable and its value
            result.forEach((key, value) -> {
                if (!key.equals("changed") && !key.equals("failed")) {
                    context.listener().log(name + ": " + (key.equals("msg") ? "" : key + " = ") + PyStrings.str(value));
                }
            });
            return;
        }
        if (status == TaskStatus.FAILED) {
            Object msg = result.get("msg");
            if (msg != null && !String.valueOf(msg).isEmpty()) {
                context.listener().log("fatal: " + name + ": " + msg);
            }
        }
        if (result.containsKey("msg") && result.size() <= 3 && status != TaskStatus.FAILED
                && !String.valueOf(result.get("msg")).isEmpty() && !result.containsKey("results")) {
            context.listener().log(name + ": " + PyStrings.str(result.get("msg")));
        }
    }
}
