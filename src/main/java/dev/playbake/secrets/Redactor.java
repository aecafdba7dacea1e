package dev.playbake.secrets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces secret values with {@code ********} wherever they appear in text or structured results.
 * Values shorter than {@link #MIN_LENGTH} are left alone: masking every "a" or "1" would destroy the
 * text and hide nothing.
 */
public final class Redactor {

    public static final String MASK = "********";
    static final int MIN_LENGTH = 4;

    private volatile List<String> secrets;

    public Redactor(Collection<String> secrets) {
        this.secrets = ordered(secrets);
    }

    // longest first, so a secret that contains another is masked whole
    private static List<String> ordered(Collection<String> secrets) {
        return secrets.stream().filter(s -> s != null && s.length() >= MIN_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** Adds a secret learnt during the run (a generated password): masked from now on. */
    public synchronized void reveal(String secret) {
        List<String> all = new ArrayList<>(secrets);
        all.add(secret);
        secrets = ordered(all);
    }

    public static Redactor of(Collection<String> secrets) {
        return new Redactor(secrets);
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    public String redact(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    /** A copy of a value with every string redacted. */
    public Object redact(Object value) {
        if (value instanceof String s) {
            return redact(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), redact(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(redact(v)));
            return out;
        }
        return value;
    }

    public boolean containsSecret(String text) {
        return secrets.stream().anyMatch(text::contains);
    }
}
