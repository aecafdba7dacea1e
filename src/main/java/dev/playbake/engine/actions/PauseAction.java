package dev.playbake.engine.actions;

import dev.playbake.modules.ModuleException;
import dev.playbake.template.AnsibleValues;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code pause} for a time; a prompt waits for a person, which a build has not. */
final class PauseAction implements Action {

    @Override
    public ActionOutcome run(ActionContext context) {
        Map<String, Object> args = context.templatedArgs();
        if (args.containsKey("prompt") && !args.containsKey("seconds") && !args.containsKey("minutes")) {
            throw new ModuleException("pause with a prompt waits for a person, and a build is not interactive");
        }
        double seconds = AnsibleValues.number(args.getOrDefault("seconds", 0))
                + 60 * AnsibleValues.number(args.getOrDefault("minutes", 0));
        String start = LocalDateTime.now().toString().replace('T', ' ');
        long began = System.nanoTime();
        context.sleep(Duration.ofMillis((long) (seconds * 1000)));
        double took = (System.nanoTime() - began) / 1e9;
        // Ansible's pause action's result
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", false);
        result.put("rc", 0);
        result.put("stderr", "");
        result.put("start", start);
        result.put("stop", LocalDateTime.now().toString().replace('T', ' '));
        result.put("delta", (int) took);
        result.put("echo", AnsibleValues.truthy(args.getOrDefault("echo", true)));
        boolean minutes = args.containsKey("minutes") && !args.containsKey("seconds");
        result.put("stdout", "Paused for " + Math.round((minutes ? took / 60 : took) * 100) / 100.0
                + (minutes ? " minutes" : " seconds"));
        result.put("user_input", "");
        return ActionOutcome.of(result);
    }
}
