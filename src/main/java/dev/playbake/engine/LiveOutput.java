package dev.playbake.engine;

import dev.playbake.connection.Watch;
import dev.playbake.python.PyStrings;

import java.util.List;

/**
 * The lines of a task's commands while they run: for the time the task's action runs (never under no_log) a
 * watcher on the connection sends each line, masked, to the listener and keeps it for the task's end.
 */
final class LiveOutput {

    private final RunContext context;
    private StreamedLines task = new StreamedLines();

    LiveOutput(RunContext context) {
        this.context = context;
    }

    /** A task starts: the lines streamed from now on are its own. */
    StreamedLines begin() {
        task = new StreamedLines();
        return task;
    }

    /** Streams the current task's lines until the handle is closed; nothing when {@code noLog}. */
    Watch watch(boolean noLog) {
        if (noLog) {
            return Watch.NONE;
        }
        StreamedLines lines = task;
        return context.connection().watch((stderr, line) -> {
            // cut as the result's text will be at the task's end, so the same lines match there
            for (String part : line.isEmpty() ? List.of(line) : PyStrings.splitlines(line)) {
                String shown = context.redactor().redact(part);
                lines.add(new StreamedLines.Line(stderr, shown));
                context.listener().taskOutput(stderr, shown);
            }
        });
    }
}
