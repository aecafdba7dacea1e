package dev.playbake.playbook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A role's argument specs ({@code meta/argument_specs.yml}, else {@code argument_specs} in
 * {@code meta/main.yml}, never both) and the task Ansible puts before the role's own tasks to validate
 * its variables against the entry point's spec.
 */
final class RoleArgumentSpecs {

    /** The action of that task, which an explicit task may call too. */
    static final String ACTION = "validate_argument_spec";

    private RoleArgumentSpecs() {
    }

    /** The validation task for the role's entry point, when its specs have one. */
    static Optional<Task> validationTask(IncludedFiles files, Role role, String entryPoint) {
        Optional<String> specsFile = files.firstExisting(role.path() + "/meta/argument_specs", Location.UNKNOWN, "",
                false);
        Optional<String> file = specsFile.or(() -> files.firstExisting(role.path() + "/meta/main", Location.UNKNOWN,
                "", false));
        if (file.isEmpty()
                || !(files.load(file.get()).orElse(null) instanceof Map<?, ?> meta)
                || !(meta.get("argument_specs") instanceof Map<?, ?> specs)
                || !(specs.get(entryPoint) instanceof Map<?, ?> spec) || spec.isEmpty()) {
            return Optional.empty();
        }
        String name = "Validating arguments against arg spec '" + entryPoint + "'"
                + (spec.containsKey("short_description") ? " - " + spec.get("short_description") : "");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("type", "role");
        context.put("name", role.name());
        context.put("argument_spec_name", entryPoint);
        context.put("path", role.path());
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("argument_spec", spec.get("options") instanceof Map<?, ?> options ? options : Map.of());
        args.put("provided_arguments", role.params());
        args.put("validate_args_context", context);
        Location at = new Location(file.get(), 1);
        LocatedMap keywords = new LocatedMap(at);
        keywords.put("tags", List.of("always"));
        return Optional.of(new Task(name, at, ACTION, ACTION, args, Keywords.options(keywords, at), Optional.of(role),
                role.collections()));
    }
}
