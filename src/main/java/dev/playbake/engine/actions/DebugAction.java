package dev.playbake.engine.actions;

import dev.playbake.template.TemplateException;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code debug}: a message, or a variable and its value. */
final class DebugAction implements Action {

    @Override
    public ActionOutcome run(ActionContext context) {
        Map<String, Object> args = context.task().args();
        Map<String, Object> result = new LinkedHashMap<>();
        Object var = args.get("var");
        if (var != null) {
            String expression = String.valueOf(var);
            Object value;
            try {
                value = context.templar().evaluate(expression, context.scope());
            } catch (TemplateException e) {
                value = "VARIABLE IS NOT DEFINED!";
            }
            result.put(expression, value);
        } else {
            Object msg = args.getOrDefault("msg", "Hello world!");
            result.put("msg", context.templar().template(msg, context.scope()));
        }
        result.put("changed", false);
        return ActionOutcome.of(result);
    }
}
