package dev.playbake.operator;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Masks secret values in text the operator writes (status, events, logs). Values shorter than
 * {@link #MIN_LENGTH} are left alone: masking every "a" or "1" would destroy the text and hide nothing.
 */
public final class Redactor {

    public static final String MASK = "********";
    static final int MIN_LENGTH = 4;

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** Masks these values; longer ones first, so a value containing another is masked whole. */
    public static Redactor of(Collection<String> values) {
        return new Redactor(values.stream()
                .filter(v -> v.length() >= MIN_LENGTH)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList());
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
}
