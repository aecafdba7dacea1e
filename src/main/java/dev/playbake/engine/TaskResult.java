package dev.playbake.engine;

import java.util.List;
import java.util.Map;

/**
 * One task's (or loop item's) result as Ansible keeps it, the map a task registers, read through
 * what the executor asks of it.
 */
record TaskResult(Map<String, Object> values) {

    boolean failed() {
        return flag("failed");
    }

    boolean changed() {
        return flag("changed");
    }

    boolean skipped() {
        return flag("skipped");
    }

    /** Whether one of a loop's items changed (a loop reports changed only when it did not fail). */
    boolean anyItemChanged() {
        return values.get("results") instanceof List<?> list && list.stream()
                .anyMatch(r -> r instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("changed")));
    }

    /** How Ansible reports it: a failure first, then a skip, then a change. */
    TaskStatus status() {
        if (failed()) {
            return TaskStatus.FAILED;
        }
        if (skipped()) {
            return TaskStatus.SKIPPED;
        }
        return changed() ? TaskStatus.CHANGED : TaskStatus.OK;
    }

    private boolean flag(String key) {
        return Boolean.TRUE.equals(values.get(key));
    }
}
