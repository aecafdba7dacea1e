package dev.playbake.playbook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keywords of a task or block, unrendered: templates in them are rendered when the task runs.
 * Absent keywords are empty, never null.
 */
public record TaskOptions(
        List<Object> when,
        Optional<Object> loop,
        String loopKind,
        Map<String, Object> loopControl,
        Optional<String> register,
        Optional<Object> changedWhen,
        Optional<Object> failedWhen,
        Optional<Object> ignoreErrors,
        Optional<Object> until,
        Optional<Object> retries,
        Optional<Object> delay,
        List<String> notifies,
        List<String> listen,
        List<String> tags,
        Optional<Object> become,
        Optional<Object> becomeUser,
        Map<String, Object> environment,
        Map<String, Object> vars,
        Optional<Object> noLog,
        Optional<String> delegateTo,
        boolean runOnce,
        Optional<Object> checkMode,
        boolean anyErrorsFatal) {

    /** The key under which an {@code environment} given as one template ({@code "{{ env }}"}) is kept. */
    public static final String TEMPLATED_ENVIRONMENT = "(templated environment)";

    public static final TaskOptions NONE = new TaskOptions(List.of(), Optional.empty(), "", Map.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(), Map.of(), Map.of(), Optional.empty(),
            Optional.empty(), false, Optional.empty(), false);

    /** The same keywords with other {@code vars}. */
    public TaskOptions withVars(Map<String, Object> otherVars) {
        return new TaskOptions(when, loop, loopKind, loopControl, register, changedWhen, failedWhen, ignoreErrors,
                until, retries, delay, notifies, listen, tags, become, becomeUser, environment, Collections.unmodifiableMap(new LinkedHashMap<>(otherVars)),
                noLog, delegateTo, runOnce, checkMode, anyErrorsFatal);
    }
}
