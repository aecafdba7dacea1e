package dev.playbake.cli;

import dev.playbake.imagebuild.BuildListener;
import dev.playbake.imagebuild.TaskReport;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code playbake build} shows a build: {@code plain} lines, {@code json} objects, or a live {@code tty} view.
 * Each counts what the build reported: tasks that ran (a play's facts are no task of the playbook) and tasks cached.
 */
abstract class Progress implements BuildListener {

    /** Set to {@code 1} to treat stderr as a terminal where it is none (recording or testing the tty view). */
    static final String FORCE_TTY = "PLAYBAKE_FORCE_TTY";

    private int ran;
    private int cached;

    /** Picks the view for {@code --progress}; {@code auto} and {@code tty} are the live view on a terminal only. */
    static Progress of(String mode, PrintStream out, PrintStream err, Map<String, String> env) {
        boolean terminal = System.console() != null && !"dumb".equals(env.get("TERM")) || "1".equals(env.get(FORCE_TTY));
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "json" -> new JsonProgress(out);
            case "plain" -> new PlainProgress(err);
            case "tty", "auto" -> terminal ? new TtyProgress(err) : new PlainProgress(err);
            default -> throw new IllegalArgumentException("--progress must be auto, tty, plain or json, not " + mode);
        };
    }

    /** Called once, with how the build ended (or why none began). */
    abstract void ended(Ending ending);

    @Override
    public void taskFinished(TaskReport report) {
        if (report.status() == TaskReport.Status.CACHED) {
            cached++;
        } else if (!report.facts()) {
            ran++;
        }
    }

    /** Tasks of the playbook that ran (or were canceled running), facts left out. */
    int ran() {
        return ran;
    }

    int cached() {
        return cached;
    }
}
