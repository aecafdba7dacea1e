package dev.playbake.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How Ansible reads rendered values for its keywords: booleans from yes/no text, numbers, omitted arguments. */
public final class AnsibleValues {

    private AnsibleValues() {
    }

    /** A keyword's boolean ({@code ignore_errors: yes}, {@code become: "{{ x }}"}): yes/no text counts too. */
    public static boolean truthy(Object value) {
        if (value instanceof String s) {
            return FilterValues.bool(s);
        }
        return Templar.truthy(value);
    }

    public static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw new TemplateException("expected a number, got '" + value + "'");
        }
    }

    /** Arguments without those rendered to {@code omit}, at any depth. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> withoutOmitted(Map<String, Object> args) {
        Map<String, Object> result = new LinkedHashMap<>();
        args.forEach((k, v) -> {
            if (Templar.OMIT.equals(v)) {
                return;
            }
            if (v instanceof Map<?, ?> m) {
                result.put(k, withoutOmitted((Map<String, Object>) m));
            } else if (v instanceof List<?> l) {
                List<Object> kept = new ArrayList<>();
                l.stream().filter(item -> !Templar.OMIT.equals(item)).forEach(kept::add);
                result.put(k, kept);
            } else {
                result.put(k, v);
            }
        });
        return result;
    }
}
