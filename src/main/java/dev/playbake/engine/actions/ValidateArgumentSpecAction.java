package dev.playbake.engine.actions;

import dev.playbake.modules.ModuleException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code validate_argument_spec}, the task Ansible puts first in a role with argument specs (and an
 * action a task may call): the variables the spec names, rendered, under the provided arguments, checked
 * against {@code argument_spec}.
 */
final class ValidateArgumentSpecAction implements Action {

    @Override
    public ActionOutcome run(ActionContext context) {
        Map<String, Object> args = context.task().args();
        if (!args.containsKey("argument_spec")) {
            throw new ModuleException("\"argument_spec\" arg is required in args: " + args);
        }
        if (!(context.templar().template(args.get("argument_spec"), context.scope()) instanceof Map<?, ?> spec)) {
            throw new ModuleException("Incorrect type for argument_spec, expected dict");
        }
        Object provided = context.templar().template(args.getOrDefault("provided_arguments", Map.of()), context.scope());
        if (!(provided instanceof Map<?, ?> providedArguments)) {
            throw new ModuleException("Incorrect type for provided_arguments, expected dict");
        }
        Map<String, Object> specs = Maps.copy(spec);
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (String name : specs.keySet()) {
            context.scope().raw(name).ifPresent(raw -> parameters.put(name, context.templar().template(raw,
                    context.scope())));
        }
        parameters.putAll(Maps.copy(providedArguments));
        List<String> errors = ArgumentSpecCheck.errors(specs, parameters);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("validate_args_context", args.getOrDefault("validate_args_context", Map.of()));
        if (!errors.isEmpty()) {
            result.put("failed", true);
            result.put("msg", "Validation of arguments failed:\n" + String.join("\n", errors));
            result.put("argument_spec_data", specs);
            result.put("argument_errors", errors);
            return ActionOutcome.of(result);
        }
        result.put("changed", false);
        result.put("msg", "The arg spec validation passed");
        return ActionOutcome.of(result);
    }
}
