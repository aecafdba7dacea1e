package dev.playbake.imagebuild;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A build as lines of text, BuildKit's plain mode: the CLI prints them and the operator keeps them as the build's
 * log, so both read the same.
 */
public final class PlainLog implements BuildListener {

    private final Consumer<String> out;
    private final LongSupplier nanoTime;
    private final long start;

    /** @param out receives each line, without its line end */
    public PlainLog(Consumer<String> out) {
        this(out, System::nanoTime);
    }

    PlainLog(Consumer<String> out, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    @Override
    public void phase(BuildPhase phase) {
        if (phase != BuildPhase.RUNNING) {
            out.accept("#" + elapsed() + " " + phase.name().toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public void taskFinished(TaskReport report) {
        if (report.status() == TaskReport.Status.CACHED) {
            out.accept("#" + (report.index() + 1) + " CACHED " + report.name());
        } else {
            out.accept(String.format(Locale.ROOT, "#%d %-7s %s (%.1fs)", report.index() + 1, report.status().label(),
                    report.name(), report.durationMs() / 1000.0));
        }
    }

    @Override
    public void log(String line) {
        out.accept("   " + line);
    }

    @Override
    public void pushed(String reference, String digest) {
        out.accept("pushed " + reference + "@" + digest);
    }

    /** Seconds since this log began, as the phase lines show them ({@code 2.5s}). */
    public String elapsed() {
        return String.format(Locale.ROOT, "%.1fs", (nanoTime.getAsLong() - start) / 1e9);
    }
}
