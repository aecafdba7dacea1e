package dev.playbake.engine.actions;

import dev.playbake.modules.ModuleException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code assert}: fails at the first condition of {@code that} that does not hold. */
final class AssertAction implements Action {

    @Override
    public ActionOutcome run(ActionContext context) {
        Map<String, Object> args = context.task().args();
        Object that = args.get("that");
        if (that == null) {
            throw new ModuleException("assert: missing required argument 'that'");
        }
        List<Object> conditions = that instanceof List<?> l ? new ArrayList<>(l) : List.of(that);
        for (Object condition : conditions) {
            if (!context.templar().condition(condition, context.scope())) {
                Object message = args.containsKey("fail_msg") ? args.get("fail_msg")
                        : args.getOrDefault("msg", "Assertion failed");
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("assertion", condition);
                result.put("evaluated_to", false);
                result.put("failed", true);
                result.put("msg", context.templar().template(message, context.scope()));
                result.put("changed", false);
                return ActionOutcome.of(result);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", false);
        result.put("msg", context.templar().template(args.getOrDefault("success_msg", "All assertions passed"),
                context.scope()));
        return ActionOutcome.of(result);
    }
}
