package dev.playbake.imagebuild;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A build as lines of text, BuildKit's plain mode: the CLI prints them and the operator keeps them as the build's
 * log, so both read the same. A task of the plan is {@code #n} (its place in the plan, the same every run) and its
 * start says {@code [n/N]}; a play's facts are {@code #facts}, a task outside the plan (a handler, a rescue, an
 * included task) {@code #+}. The pull, the commit and each push are rows of their own, in words.
 */
public final class PlainLog implements BuildListener {

    private final Consumer<String> out;
    private final LongSupplier nanoTime;
    private final long start;
    private int total;

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
    public void planned(BuildOutline outline) {
        total = outline.totalTasks();
        out.accept("building " + String.join(", ", outline.tags()) + " from " + outline.baseImage() + ": "
                + outline.totalTasks() + (outline.totalTasks() == 1 ? " task" : " tasks"));
    }

    @Override
    public void taskStarted(TaskStart task) {
        out.accept(label(task) + task.number().stream().mapToObj(n -> " [" + n + "/" + Math.max(n, total) + "]")
                .findFirst().orElse("") + " " + task.name());
    }

    @Override
    public void taskOutput(TaskStart task, boolean stderr, String line) {
        // a command's output is the build's, not the terminal's: no escape sequence of it reaches a screen
        out.accept(label(task) + (stderr ? " ! " : " | ") + line.replaceAll("[\\p{Cntrl}&&[^\t]]", ""));
    }

    @Override
    public void taskFinished(TaskReport report) {
        if (report.status() == TaskReport.Status.CACHED) {
            out.accept(label(report.start()) + " CACHED " + report.name());
        } else {
            out.accept(String.format(Locale.ROOT, "%s %-7s %s (%s)", label(report.start()), report.status().label(),
                    report.name(), seconds(report.durationMs())));
        }
    }

    @Override
    public void log(String line) {
        out.accept("   " + line);
    }

    @Override
    public void stageStarted(StageReport.Kind kind, String target) {
        if (kind != StageReport.Kind.COMMIT) {
            out.accept((kind == StageReport.Kind.PULL ? "pulling " : "pushing ") + target);
        }
    }

    @Override
    public void stageFinished(StageReport report) {
        out.accept(row(report));
    }

    /** A stage's row: {@code pulled debian:12 (sha256:…, 49.6 MB, 1.2s)}. */
    public static String row(StageReport report) {
        StringBuilder row = new StringBuilder();
        switch (report.kind()) {
            case PULL -> row.append("pulled ").append(report.target()).append(" (")
                    .append(report.digest().map(d -> d + ", ").orElse(""));
            case COMMIT -> row.append("committed ").append(report.target()).append(" (");
            case PUSH -> row.append("pushed ").append(report.target())
                    .append(report.digest().map(d -> "@" + d).orElse("")).append(" (");
        }
        report.bytes().ifPresent(bytes -> row.append(size(bytes)).append(", "));
        return row.append(seconds(report.durationMs())).append(")").toString();
    }

    /** The label of a task's lines: {@code #n}, {@code #facts} or {@code #+}. */
    public static String label(TaskStart task) {
        if (task.facts()) {
            return "#facts";
        }
        return task.number().stream().mapToObj(n -> "#" + n).findFirst().orElse("#+");
    }

    /** A size as Docker prints one ({@code 49.6 MB}, decimal units). */
    public static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes / 1000.0;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** A duration in seconds with one decimal ({@code 2.5s}). */
    public static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    /** Seconds since this log began ({@code 2.5s}). */
    public String elapsed() {
        return seconds((nanoTime.getAsLong() - start) / 1_000_000);
    }
}
