package dev.playbake.modules;

import dev.playbake.python.PyStrings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Checks a task's arguments against a module's {@link ArgumentSpec} as {@code AnsibleModule} does, in its
 * order and with its messages: the first error is the task's failure. Unsupported names come last, as
 * Ansible appends them after every other check.
 */
public final class ArgumentValidator {

    private ArgumentValidator() {
    }

    /** The module, validating its arguments before it runs; modules that forward them leave it to the backend. */
    public static Module validating(Module module) {
        return module instanceof Validated ? module : new Validated(module);
    }

    /**
     * The arguments with each alias's value under the argument's name too and the spec's defaults added,
     * or a {@link ModuleException} with Ansible's message for the first thing wrong.
     */
    public static Map<String, Object> validate(String module, ArgumentSpec spec, Map<String, Object> args) {
        List<String> errors = new ArrayList<>(mutuallyExclusive(spec, args));
        List<String> missing = missing(spec, args.entrySet().stream().filter(e -> e.getValue() != null)
                .map(Map.Entry::getKey).toList());
        if (!missing.isEmpty()) {
            errors.add(missingMessage(missing));
        }
        errors.addAll(valueErrors(spec, args));
        errors.addAll(requiredOneOf(spec, args));
        List<String> unknown = unsupported(spec, args.keySet());
        if (!unknown.isEmpty()) {
            errors.add(unsupportedMessage(module, spec, unknown));
        }
        if (!errors.isEmpty()) {
            throw new ModuleException(errors.get(0));
        }
        // as Ansible: an alias's value is also the argument's, and the last alias given wins
        Map<String, Object> validated = new LinkedHashMap<>(args);
        for (Argument argument : spec.arguments()) {
            argument.aliases().stream().filter(alias -> given(args, alias))
                    .forEach(alias -> validated.put(argument.name(), args.get(alias)));
            if (argument.names().noneMatch(n -> given(args, n))) {
                argument.defaultValue().ifPresent(value -> validated.put(argument.name(), value));
            }
        }
        return validated;
    }

    /** Ansible's message for each group of which more than one argument is given (not null). */
    public static List<String> mutuallyExclusive(ArgumentSpec spec, Map<String, Object> args) {
        return spec.mutuallyExclusive().stream()
                .filter(group -> group.stream().filter(name -> given(spec, args, name)).count() > 1)
                .map(group -> "parameters are mutually exclusive: " + String.join("|", group)).toList();
    }

    /** Ansible's message for each group of which none is given. */
    public static List<String> requiredOneOf(ArgumentSpec spec, Map<String, Object> args) {
        return spec.requiredOneOf().stream().filter(group -> group.stream().noneMatch(name -> given(spec, args, name)))
                .map(group -> "one of the following is required: " + String.join(", ", group)).toList();
    }

    /** Ansible's message for each value of the wrong type or outside its argument's choices, in the spec's order. */
    public static List<String> valueErrors(ArgumentSpec spec, Map<String, Object> args) {
        List<String> errors = new ArrayList<>();
        Args typed = new Args(args);
        for (Argument argument : spec.arguments()) {
            for (String name : argument.names().filter(n -> given(args, n)).toList()) {
                typeError(argument, name, args.get(name), typed).ifPresent(errors::add);
                choiceError(argument, args.get(name)).ifPresent(errors::add);
            }
        }
        return errors;
    }

    /** The names among these the spec does not accept, sorted. */
    public static List<String> unsupported(ArgumentSpec spec, Collection<String> names) {
        return names.stream().filter(name -> !spec.accepts(name)).sorted().toList();
    }

    /** The required arguments given under none of their names, sorted. */
    public static List<String> missing(ArgumentSpec spec, Collection<String> names) {
        Set<String> given = Set.copyOf(names);
        return spec.arguments().stream().filter(Argument::isRequired)
                .filter(a -> a.names().noneMatch(given::contains)).map(Argument::name).sorted().toList();
    }

    public static String missingMessage(List<String> missing) {
        return "missing required arguments: " + String.join(", ", missing);
    }

    /** Ansible's text: the unknown names, then every argument with its aliases in brackets. */
    public static String unsupportedMessage(String module, ArgumentSpec spec, List<String> unknown) {
        return unsupportedMessage(module, spec, unknown, name -> name);
    }

    /** The same text, each unknown name as {@code shown} writes it (with a hint, say). */
    public static String unsupportedMessage(String module, ArgumentSpec spec, List<String> unknown,
                                            UnaryOperator<String> shown) {
        List<String> supported = spec.arguments().stream()
                .map(a -> a.aliases().isEmpty() ? a.name()
                        : a.name() + " (" + String.join(", ", a.aliases().stream().sorted().toList()) + ")")
                .sorted().toList();
        return "Unsupported parameters for (" + module + ") module: "
                + String.join(", ", unknown.stream().map(shown).toList())
                + ". Supported parameters include: " + String.join(", ", supported) + ".";
    }

    private static boolean given(Map<String, Object> args, String name) {
        return args.get(name) != null;
    }

    /** Whether the argument is given under its name or an alias, as Ansible counts it once aliases are resolved. */
    private static boolean given(ArgumentSpec spec, Map<String, Object> args, String name) {
        return spec.find(name).map(a -> a.names().anyMatch(n -> given(args, n))).orElse(given(args, name));
    }

    private static Optional<String> typeError(Argument argument, String name, Object value, Args typed) {
        try {
            switch (argument.type()) {
                case BOOL -> typed.bool(name, false);
                case INT -> typed.integer(name);
                case DICT -> {
                    if (value instanceof List<?> || value instanceof Boolean || value instanceof Number) {
                        return Optional.of("argument '" + name + "' is of type "
                                + pythonType(value) + " and we were unable to convert to dict: dictionary requested,"
                                + " could not parse JSON or key=value");
                    }
                }
                default -> {
                }
            }
            return Optional.empty();
        } catch (ModuleException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String pythonType(Object value) {
        return "<class '" + (value instanceof List<?> ? "list" : value instanceof Boolean ? "bool"
                : value instanceof Integer || value instanceof Long ? "int" : "float") + "'>";
    }

    private static Optional<String> choiceError(Argument argument, Object value) {
        if (argument.choices().isEmpty()) {
            return Optional.empty();
        }
        if (value instanceof List<?> list && argument.type() == ArgumentType.LIST) {
            List<String> unmatched = list.stream().map(PyStrings::str).filter(v -> !argument.choices().contains(v))
                    .toList();
            return unmatched.isEmpty() ? Optional.empty() : Optional.of("value of "
                    + argument.name() + " must be one or more of: " + String.join(", ", argument.choices())
                    + ". Got no match for: " + String.join(", ", unmatched));
        }
        String text = PyStrings.str(value);
        return argument.choices().contains(text) ? Optional.empty() : Optional.of("value of "
                + argument.name() + " must be one of: " + String.join(", ", argument.choices()) + ", got: " + text);
    }

    /** A module behind validation: what the registry hands out. */
    private record Validated(Module module) implements Module {

        @Override
        public String name() {
            return module.name();
        }

        @Override
        public ArgumentSpec argumentSpec() {
            return module.argumentSpec();
        }

        @Override
        public boolean changesContainer() {
            return module.changesContainer();
        }

        @Override
        public ModuleResult run(ModuleContext context) {
            ArgumentSpec spec = module.argumentSpec();
            return module.run(spec.forwarded() ? context
                    : context.withArgs(validate(module.name(), spec, context.args())));
        }
    }
}
