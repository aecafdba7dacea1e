package dev.playbake.cli;

import dev.playbake.imagebuild.BuildOutline;
import dev.playbake.imagebuild.PlainLog;
import dev.playbake.imagebuild.StageReport;
import dev.playbake.imagebuild.TaskReport;
import dev.playbake.imagebuild.TaskStart;

import java.io.PrintStream;

/** One line per event, BuildKit's plain mode: the operator's build log text ({@link PlainLog}) and a summary. */
final class PlainProgress extends Progress {

    private final PrintStream out;
    private final PlainLog lines;

    PlainProgress(PrintStream out) {
        this.out = out;
        this.lines = new PlainLog(out::println);
    }

    @Override
    public void planned(BuildOutline outline) {
        lines.planned(outline);
    }

    @Override
    public void taskStarted(TaskStart start) {
        lines.taskStarted(start);
    }

    @Override
    public void taskOutput(TaskStart task, boolean stderr, String line) {
        lines.taskOutput(task, stderr, line);
    }

    @Override
    public void taskFinished(TaskReport report) {
        super.taskFinished(report);
        lines.taskFinished(report);
    }

    @Override
    public void log(String line) {
        lines.log(line);
    }

    @Override
    public void stageStarted(StageReport.Kind kind, String target) {
        lines.stageStarted(kind, target);
    }

    @Override
    public void stageFinished(StageReport report) {
        lines.stageFinished(report);
    }

    @Override
    void ended(Ending ending) {
        out.println(Summary.of(ending, this, lines.elapsed()));
        out.flush();
    }
}
