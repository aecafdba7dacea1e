package dev.playbake.imagebuild;

import java.util.ArrayList;
import java.util.List;

/** Remembers what a build reported, for assertions. */
final class RecordingListener implements BuildListener {

    final List<BuildPhase> phases = new ArrayList<>();
    final List<TaskReport> tasks = new ArrayList<>();
    final List<String> lines = new ArrayList<>();
    final List<String> output = new ArrayList<>();
    final List<String> snapshots = new ArrayList<>();
    long execs = -1;

    @Override
    public void phase(BuildPhase phase) {
        phases.add(phase);
    }

    @Override
    public void taskFinished(TaskReport report) {
        tasks.add(report);
    }

    @Override
    public void taskOutput(TaskStart task, boolean stderr, String line) {
        output.add(task.name() + (stderr ? " ! " : " | ") + line);
    }

    @Override
    public void log(String line) {
        lines.add(line);
    }

    @Override
    public void snapshot(int index, String image) {
        snapshots.add(image);
    }

    @Override
    public void execs(long count) {
        execs = count;
    }

    /** "name=status" for every task, in order. */
    List<String> statuses() {
        return tasks.stream().map(t -> t.name() + "=" + t.status().label()).toList();
    }

    long count(TaskReport.Status status) {
        return tasks.stream().filter(t -> t.status() == status).count();
    }

    /** Forgets the last build, for a test that builds again. */
    void reset() {
        phases.clear();
        tasks.clear();
        lines.clear();
        output.clear();
        snapshots.clear();
        execs = -1;
    }
}
