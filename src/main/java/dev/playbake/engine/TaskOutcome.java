package dev.playbake.engine;

import dev.playbake.playbook.Location;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One task's result.
 *
 * @param name     the task's display name
 * @param location where the task is written
 * @param status   ok, changed, skipped or failed
 * @param ignored  a failure that {@code ignore_errors} or a rescue absorbed
 * @param result   the registered result (censored when {@code no_log})
 * @param duration how long it ran
 * @param number   its place in the plan ({@link TaskPlan}); empty for facts, handlers, rescues, included tasks
 */
public record TaskOutcome(String name, Location location, TaskStatus status, boolean ignored,
                          Map<String, Object> result, Duration duration, OptionalInt number) {

    /** The failure message Ansible would print, or empty. */
    public String message() {
        Object msg = result.get("msg");
        if (msg != null && !String.valueOf(msg).isEmpty()) {
            return String.valueOf(msg);
        }
        Object stderr = result.get("stderr");
        return stderr == null ? "" : String.valueOf(stderr);
    }
}
