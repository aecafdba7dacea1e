package dev.playbake.operator.reconcile;

import dev.playbake.imagebuild.TaskReport;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A build's finished tasks in constant space: counts per outcome, the last {@link #RECENT} and the first that
 * failed. Status shows this much; the whole list is in the build log, so a playbook of any length keeps the
 * resource far below the API server's object size limit.
 */
final class TaskTally {

    /** How many of the latest tasks status lists. */
    static final int RECENT = 20;

    private final Map<TaskReport.Status, Integer> counts = new EnumMap<>(TaskReport.Status.class);
    private final ArrayDeque<TaskReport> recent = new ArrayDeque<>();
    private Optional<TaskReport> failed = Optional.empty();
    private int finished;
    private int facts;

    void add(TaskReport report) {
        finished++;
        if (report.facts()) {
            facts++;
        }
        counts.merge(report.status(), 1, Integer::sum);
        if (report.status() == TaskReport.Status.FAILED && failed.isEmpty()) {
            failed = Optional.of(report);
        }
        recent.addLast(report);
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    void addAll(List<TaskReport> reports) {
        reports.forEach(this::add);
    }

    Summary summary() {
        return new Summary(finished, facts, Map.copyOf(counts), List.copyOf(recent), failed);
    }

    /**
     * What the tally holds at one moment.
     *
     * @param finished tasks finished (run or cached), fact gatherings included
     * @param facts    fact gatherings among them
     * @param counts   finished tasks per outcome; an outcome no task had is absent
     * @param recent   the last finished tasks, oldest first
     * @param failed   the first failed task, also when it is no longer among the recent ones
     */
    record Summary(int finished, int facts, Map<TaskReport.Status, Integer> counts, List<TaskReport> recent,
                   Optional<TaskReport> failed) {

        /** Finished tasks of the playbook: what the planned total counts, which no fact gathering is in. */
        int playbookTasks() {
            return finished - facts;
        }

        int count(TaskReport.Status status) {
            return counts.getOrDefault(status, 0);
        }

        /** The tasks status lists: the failed one first when it has scrolled out of the recent ones. */
        List<TaskReport> shown() {
            if (failed.isEmpty() || recent.contains(failed.get())) {
                return recent;
            }
            return Stream.concat(failed.stream(), recent.stream()).toList();
        }
    }
}
