package dev.playbake.cli;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * {@code --debug}: the stack trace behind an error message. A user or a host at fault gets one line saying what
 * happened; the trace is for whoever debugs playbake itself, and only when asked for.
 */
final class Debug {

    private static volatile boolean enabled;

    private Debug() {
    }

    static void enable(boolean on) {
        enabled = on;
    }

    static boolean enabled() {
        return enabled;
    }

    /** Prints the trace of what an error message was made from, when {@code --debug} was given. */
    static void trace(Throwable cause, PrintStream err) {
        if (enabled) {
            cause.printStackTrace(err);
        }
    }

    static void trace(Throwable cause, PrintWriter err) {
        if (enabled) {
            cause.printStackTrace(err);
        }
    }
}
