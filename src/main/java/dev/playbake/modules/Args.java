package dev.playbake.modules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Typed access to a module's arguments with Ansible's coercions (yes/no booleans, comma lists, octal modes). */
public final class Args {

    private final Map<String, Object> values;

    public Args(Map<String, Object> values) {
        this.values = values;
    }

    public boolean has(String name) {
        return values.containsKey(name) && values.get(name) != null;
    }

    public Optional<String> string(String name) {
        Object value = values.get(name);
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    public String string(String name, String fallback) {
        return string(name).orElse(fallback);
    }

    /** A required argument's value; an empty one counts as missing. */
    public String required(String name) {
        return string(name).filter(s -> !s.isEmpty()).orElseThrow(() ->
                new ModuleException(ArgumentValidator.missingMessage(List.of(name))));
    }

    public boolean bool(String name, boolean fallback) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "yes", "on", "true", "1", "y", "t" -> true;
            case "no", "off", "false", "0", "n", "f", "" -> false;
            default -> throw new ModuleException("argument '" + name + "' is of type str and we were unable to "
                    + "convert to bool: '" + value + "' is not a valid boolean");
        };
    }

    public Optional<Integer> integer(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number n) {
            return Optional.of(n.intValue());
        }
        try {
            return Optional.of(Integer.parseInt(String.valueOf(value).strip()));
        } catch (NumberFormatException e) {
            throw new ModuleException("argument '" + name + "' must be an integer, not '" + value + "'");
        }
    }

    /** A list argument: a YAML list, or a comma-separated string, as Ansible accepts both. */
    public List<String> list(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            List<String> result = new ArrayList<>();
            list.forEach(item -> result.add(String.valueOf(item)));
            return result;
        }
        String text = String.valueOf(value);
        if (text.isBlank()) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (String part : text.split(",")) {
            result.add(part.strip());
        }
        return result;
    }

    public Object raw(String name) {
        return values.get(name);
    }
}
