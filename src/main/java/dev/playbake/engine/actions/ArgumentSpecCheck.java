package dev.playbake.engine.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbake.modules.ArgumentValidator;
import dev.playbake.python.PyNone;
import dev.playbake.python.PyStrings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Ansible's ArgumentSpecValidator for a spec written in YAML (a role's {@code argument_specs}): every
 * error, in its order and words: required, then each option's type (converted as Python's checkers
 * convert), its list elements, its choices, and last the parameters the spec does not have. It only
 * checks: defaults are not applied, as Ansible does not export the validated values.
 */
final class ArgumentSpecCheck {

    private static final Set<String> TRUE = Set.of("y", "yes", "on", "1", "true", "t");
    private static final Set<String> FALSE = Set.of("n", "no", "off", "0", "false", "f");
    /** Python's set order of Ansible's BOOLEANS in 2.14's message (a set: the order is one run's). */
    private static final String VALID_BOOLEANS = "0, 1, 'false', '1', 'on', 'off', 'y', 'no', '0', 'true', 'yes', "
            + "'t', 'n', 'f'";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArgumentSpecCheck() {
    }

    /** The error messages, none when the parameters are valid. */
    static List<String> errors(Map<String, Object> spec, Map<String, Object> parameters) {
        List<String> errors = new ArrayList<>();
        List<String> missing = spec.entrySet().stream()
                .filter(e -> truthy(option(e.getValue()).get("required")) && !parameters.containsKey(e.getKey()))
                .map(Map.Entry::getKey).sorted().toList();
        if (!missing.isEmpty()) {
            errors.add(ArgumentValidator.missingMessage(missing));
        }
        Map<String, Object> converted = new LinkedHashMap<>(parameters);
        spec.forEach((name, declared) -> {
            Map<?, ?> option = option(declared);
            Object value = parameters.get(name);
            if (!parameters.containsKey(name) || isNone(value) && !truthy(option.get("required"))
                    && isNone(option.get("default"))) {
                return;
            }
            String type = String.valueOf(option.get("type") == null ? "str" : option.get("type"));
            try {
                Object typed = convert(type, value);
                converted.put(name, typed);
                if (option.get("elements") != null && typed instanceof List<?> elements) {
                    converted.put(name, elements(name, String.valueOf(option.get("elements")), elements, errors));
                }
            } catch (IllegalArgumentException e) {
                errors.add("argument '" + name + "' is of type " + pythonType(value)
                        + " and we were unable to convert to " + type + ": " + e.getMessage());
            }
        });
        spec.forEach((name, declared) -> choiceError(name, option(declared).get("choices"), converted)
                .ifPresent(errors::add));
        List<String> unsupported = parameters.keySet().stream().filter(name -> !spec.containsKey(name)).sorted()
                .toList();
        if (!unsupported.isEmpty()) {
            errors.add(String.join(", ", unsupported) + ". Supported parameters include: "
                    + String.join(", ", spec.keySet().stream().sorted().toList()) + ".");
        }
        return errors;
    }

    private static List<Object> elements(String name, String type, List<?> values, List<String> errors) {
        List<Object> converted = new ArrayList<>();
        for (Object value : values) {
            try {
                converted.add(convert(type, value));
            } catch (IllegalArgumentException e) {
                errors.add("Elements value for option '" + name + "' is of type " + pythonType(value)
                        + " and we were unable to convert to " + type + ": " + e.getMessage());
            }
        }
        return converted;
    }

    /** The value as the named Python checker converts it; the checker's message when it cannot. */
    private static Object convert(String type, Object value) {
        return switch (type) {
            case "int" -> {
                if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
                    yield value;
                }
                if (value instanceof String text) {
                    try {
                        yield Long.parseLong(text.strip().replace("_", ""));
                    } catch (NumberFormatException e) {
                        // falls through to Python's TypeError
                    }
                }
                throw new IllegalArgumentException(pythonType(value) + " cannot be converted to an int");
            }
            case "float" -> {
                if (value instanceof Number || value instanceof Boolean) {
                    yield value;
                }
                if (value instanceof String text) {
                    try {
                        yield Double.parseDouble(text.strip());
                    } catch (NumberFormatException e) {
                        // falls through to Python's TypeError
                    }
                }
                throw new IllegalArgumentException(pythonType(value) + " cannot be converted to a float");
            }
            case "bool" -> bool(value);
            case "list" -> {
                if (value instanceof List<?>) {
                    yield value;
                }
                if (value instanceof String text) {
                    yield Arrays.asList((Object[]) text.split(",", -1));
                }
                if (value instanceof Number) {
                    yield List.of(PyStrings.str(value));
                }
                throw new IllegalArgumentException(pythonType(value) + " cannot be converted to a list");
            }
            case "dict" -> dict(value);
            case "str", "path" -> value instanceof String ? value : PyStrings.str(value);
            default -> value;
        };
    }

    private static Object bool(Object value) {
        if (value instanceof Boolean) {
            return value;
        }
        if (value instanceof String || value instanceof Number) {
            String text = PyStrings.str(value).toLowerCase(Locale.ROOT);
            String normalized = text.equals("1.0") ? "1" : text.equals("0.0") ? "0" : text;
            if (TRUE.contains(normalized)) {
                return true;
            }
            if (FALSE.contains(normalized)) {
                return false;
            }
            throw new IllegalArgumentException("The value '" + PyStrings.str(value) + "' is not a valid boolean.  "
                    + "Valid booleans include: " + VALID_BOOLEANS);
        }
        throw new IllegalArgumentException(pythonType(value) + " cannot be converted to a bool");
    }

    private static Object dict(Object value) {
        if (value instanceof Map<?, ?>) {
            return value;
        }
        if (value instanceof String text) {
            if (text.startsWith("{")) {
                try {
                    return JSON.readValue(text, Map.class);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("unable to evaluate string as dictionary");
                }
            }
            if (text.contains("=")) {
                return value;
            }
            throw new IllegalArgumentException("dictionary requested, could not parse JSON or key=value");
        }
        throw new IllegalArgumentException(pythonType(value) + " cannot be converted to a dict");
    }

    private static Optional<String> choiceError(String name, Object choices, Map<String, Object> values) {
        if (!(choices instanceof List<?> allowed) || !values.containsKey(name)) {
            return Optional.empty();
        }
        Object value = values.get(name);
        String listed = String.join(", ", allowed.stream().map(PyStrings::str).toList());
        if (value instanceof List<?> list) {
            List<String> unmatched = list.stream().filter(item -> !among(item, allowed)).map(PyStrings::str).toList();
            return unmatched.isEmpty() ? Optional.empty() : Optional.of("value of " + name + " must be one or more of: "
                    + listed + ". Got no match for: " + String.join(", ", unmatched));
        }
        return among(value, allowed) ? Optional.empty()
                : Optional.of("value of " + name + " must be one of: " + listed + ", got: " + PyStrings.str(value));
    }

    /** Python's {@code in}: numbers compare by value, whatever their Java type. */
    private static boolean among(Object value, List<?> allowed) {
        return allowed.stream().anyMatch(choice -> choice instanceof Number a && value instanceof Number b
                ? a.doubleValue() == b.doubleValue() : Objects.equals(choice, value));
    }

    /** Python's type() as Ansible prints it; a string from YAML is Ansible's own str type. */
    private static String pythonType(Object value) {
        String name;
        if (value instanceof String) {
            name = "ansible.parsing.yaml.objects.AnsibleUnicode";
        } else if (value instanceof Boolean) {
            name = "bool";
        } else if (value instanceof Integer || value instanceof Long) {
            name = "int";
        } else if (value instanceof Number) {
            name = "float";
        } else if (value instanceof List<?>) {
            name = "list";
        } else if (value instanceof Map<?, ?>) {
            name = "dict";
        } else {
            name = "NoneType";
        }
        return "<class '" + name + "'>";
    }

    private static Map<?, ?> option(Object declared) {
        return declared instanceof Map<?, ?> map ? map : Map.of();
    }

    private static boolean isNone(Object value) {
        return value == null || value instanceof PyNone;
    }

    private static boolean truthy(Object value) {
        return Boolean.TRUE.equals(value) || value instanceof String s && TRUE.contains(s.toLowerCase(Locale.ROOT));
    }
}
