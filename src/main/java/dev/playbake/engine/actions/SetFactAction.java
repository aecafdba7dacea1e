package dev.playbake.engine.actions;

import dev.playbake.template.AnsibleValues;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code set_fact}: host variables, and with {@code cacheable} facts too. */
final class SetFactAction implements Action {

    @Override
    public ActionOutcome run(ActionContext context) {
        Map<String, Object> args = context.templatedArgs();
        boolean cacheable = AnsibleValues.truthy(args.remove("cacheable"));
        Map<String, Object> facts = new LinkedHashMap<>(args);
        context.state().hostVars().putAll(facts);
        if (cacheable) {
            // cacheable facts go to the fact cache, which is what ansible_facts shows
            context.state().facts().putAll(facts);
        }
        return ActionOutcome.of(new LinkedHashMap<>(Map.of("changed", false, "ansible_facts", facts)));
    }
}
