package dev.playbake.cli;

import dev.playbake.imagebuild.BuildOutline;
import dev.playbake.imagebuild.PlainLog;
import dev.playbake.imagebuild.StageReport;
import dev.playbake.imagebuild.TaskReport;
import dev.playbake.imagebuild.TaskStart;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The live view, as BuildKit's tty mode: finished rows stay ({@code [2/5] changed install nginx 2.3s}, cached rows
 * {@code CACHED}, the pull, commit and pushes with their sizes), and below them the running task or stage is redrawn
 * in place (ANSI) with its time, the counts so far and its last output lines. A failed task keeps its last lines.
 */
final class TtyProgress extends Progress {

    /** How many of the running task's last lines are shown, and of a failed task's. */
    static final int TAIL = 6;
    private static final int FAILED_TAIL = 12;
    private static final int WIDTH = 160;
    private static final String[] SPINNER = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};

    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final long start;
    private final Deque<String> tail = new ArrayDeque<>();
    private final List<String> taskLines = new ArrayList<>();
    private final Thread ticker;
    private int total;
    private String running = "";
    private long runningSince;
    private int drawn;
    private int frame;

    TtyProgress(PrintStream out) {
        this(out, System::nanoTime, true);
    }

    /** @param tick whether a thread redraws the running row every 100 ms (off in tests, which draw on events) */
    TtyProgress(PrintStream out, LongSupplier nanoTime, boolean tick) {
        this.out = out;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        this.ticker = new Thread(this::tick, "playbake-progress");
        this.ticker.setDaemon(true);
        if (tick) {
            ticker.start();
        }
    }

    private void tick() {
        while (!Thread.currentThread().isInterrupted()) {
            synchronized (this) {
                redraw(List.of());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void planned(BuildOutline outline) {
        total = outline.totalTasks();
        redraw(List.of("building " + String.join(", ", outline.tags()) + " from " + outline.baseImage() + ": "
                + outline.totalTasks() + (outline.totalTasks() == 1 ? " task" : " tasks")));
    }

    @Override
    public synchronized void taskStarted(TaskStart task) {
        running(label(task) + " " + task.name());
    }

    @Override
    public synchronized void taskOutput(TaskStart task, boolean stderr, String line) {
        taskLines.add(line);
        tail.addLast(line);
        if (tail.size() > TAIL) {
            tail.removeFirst();
        }
        redraw(List.of());
    }

    @Override
    public synchronized void taskFinished(TaskReport report) {
        super.taskFinished(report);
        List<String> rows = new ArrayList<>();
        String label = label(report.start());
        rows.add(switch (report.status()) {
            case CACHED -> label + " CACHED " + report.name();
            case FAILED, CANCELED -> label + " " + report.status().name() + " " + report.name() + " "
                    + PlainLog.seconds(report.durationMs());
            default -> String.format(Locale.ROOT, "%s %-7s %s %s", label, report.status().label(), report.name(),
                    PlainLog.seconds(report.durationMs()));
        });
        if (report.status() == TaskReport.Status.FAILED) {
            taskLines.subList(Math.max(0, taskLines.size() - FAILED_TAIL), taskLines.size())
                    .forEach(line -> rows.add("  > " + line));
        }
        idle();
        redraw(rows);
    }

    @Override
    public synchronized void log(String line) {
        redraw(List.of("   " + line));
    }

    @Override
    public synchronized void stageStarted(StageReport.Kind kind, String target) {
        running(switch (kind) {
            case PULL -> "pulling " + target;
            case COMMIT -> "committing";
            case PUSH -> "pushing " + target;
        });
    }

    @Override
    public synchronized void stageFinished(StageReport report) {
        idle();
        redraw(List.of(PlainLog.row(report)));
    }

    @Override
    synchronized void ended(Ending ending) {
        ticker.interrupt();
        idle();
        redraw(List.of(Summary.of(ending, this, PlainLog.seconds(millis(start)))));
    }

    private void running(String row) {
        running = row;
        runningSince = nanoTime.getAsLong();
        tail.clear();
        taskLines.clear();
        redraw(List.of());
    }

    private void idle() {
        running = "";
        tail.clear();
    }

    /** Clears the live rows, prints {@code rows} for good, and draws the live rows again below them. */
    private void redraw(List<String> rows) {
        StringBuilder screen = new StringBuilder("\r");
        if (drawn > 1) {
            screen.append("\033[").append(drawn - 1).append('A');
        }
        screen.append("\033[J");
        rows.forEach(row -> screen.append(fit(row)).append('\n'));
        List<String> live = new ArrayList<>();
        if (!running.isEmpty()) {
            live.add(SPINNER[frame++ % SPINNER.length] + " " + running + "  " + PlainLog.seconds(millis(runningSince))
                    + "  [" + ran() + " ran, " + cached() + " cached, " + PlainLog.seconds(millis(start)) + "]");
            tail.forEach(line -> live.add("  │ " + line));
        }
        screen.append(String.join("\n", live.stream().map(TtyProgress::fit).toList()));
        drawn = live.size();
        out.print(screen);
        out.flush();
    }

    private String label(TaskStart task) {
        if (task.facts()) {
            return "[facts]";
        }
        return task.number().stream().mapToObj(n -> "[" + n + "/" + Math.max(n, total) + "]").findFirst().orElse("[+]");
    }

    private long millis(long since) {
        return (nanoTime.getAsLong() - since) / 1_000_000;
    }

    private static String fit(String row) {
        String flat = row.replace('\t', ' ').replaceAll("\\p{Cntrl}", "");
        return flat.length() <= WIDTH ? flat : flat.substring(0, WIDTH - 1) + "…";
    }
}
