package dev.playbake.modules.files;

import dev.playbake.modules.files.PamLimitsModule.Limit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pam_limits module's pass over limits.conf: every line kept as it is but the one for the
 * limit's domain, type and item, which is rewritten tab-separated when its value must change; the
 * limit is appended when no line has it.
 *
 * @param lines   the new file's lines, each with its line break (the last may lack it, as read)
 * @param changed whether a line was rewritten or added
 * @param message the line for the limit as the file now has it (the module's {@code msg})
 */
record LimitsEdit(List<String> lines, boolean changed, String message) {

    /** A limit line in the file that the module refuses (its value is invalid). */
    static final class InvalidLine extends Exception {
        InvalidLine(String message) {
            super(message);
        }
    }

    static LimitsEdit apply(List<String> original, Limit wanted, boolean useMax, boolean useMin, String comment,
                            String dest) throws InvalidLine {
        List<String> out = new ArrayList<>();
        boolean changed = false;
        boolean found = false;
        String message = "";
        String newValue = wanted.value();
        // as in the module, one variable: an empty comment argument takes the comment of the first
        // commented line after it, and each rewrite prefixes it once more
        String newComment = comment;
        for (String line : original) {
            if (line.startsWith("#")) {
                out.add(line);
                continue;
            }
            String normalized = pyStrip(collapseSpaces(line));
            if (normalized.isEmpty()) {
                out.add(line);
                continue;
            }
            normalized = pyRstrip(normalized.split("#", 2)[0]);
            int hash = line.indexOf('#');
            String oldComment = hash < 0 ? "" : line.substring(hash + 1);
            if (newComment.isEmpty()) {
                newComment = oldComment;
            }
            String[] fields = normalized.split(" ", -1);
            if (fields.length != 4) {
                out.add(line);
                continue;
            }
            String domain = fields[0];
            String type = fields[1];
            String item = fields[2];
            String actual = fields[3];
            Optional<String> invalid = PamLimitsModule.invalidValue(item, actual,
                    "Invalid configuration found in '" + dest + "'.");
            if (invalid.isPresent()) {
                throw new InvalidLine(invalid.get());
            }
            if (!domain.equals(wanted.domain()) || !type.equals(wanted.type()) || !item.equals(wanted.item())) {
                out.add(line);
                continue;
            }
            found = true;
            if (wanted.value().equals(actual)) {
                message = line;
                out.add(line);
                continue;
            }
            newValue = chosenValue(wanted.value(), actual, type, useMax, useMin, newValue);
            if (!newValue.equals(actual)) {
                changed = true;
                if (!newComment.isEmpty()) {
                    newComment = "\t#" + newComment;
                }
                String rewritten = limitLine(wanted, newValue, newComment);
                message = rewritten;
                out.add(rewritten);
            } else {
                message = line;
                out.add(line);
            }
        }
        if (!found) {
            changed = true;
            if (!newComment.isEmpty()) {
                newComment = "\t#" + newComment;
            }
            message = limitLine(wanted, newValue, newComment);
            out.add(message);
        }
        return new LimitsEdit(out, changed, message);
    }

    /**
     * The value use_max/use_min keep. The module tests the line's type (not its item) against nice and
     * priority, so every value counts -1 as unlimited; kept as it is.
     */
    private static String chosenValue(String value, String actual, String type, boolean useMax, boolean useMin,
                                      String current) {
        boolean actualUnlimited = false;
        boolean valueUnlimited = false;
        if (!type.equals("nice") && !type.equals("priority")) {
            actualUnlimited = List.of("unlimited", "infinity", "-1").contains(actual);
            valueUnlimited = List.of("unlimited", "infinity", "-1").contains(value);
        }
        String chosen = current;
        if (useMax) {
            if (actualUnlimited) {
                chosen = actual;
            } else if (valueUnlimited) {
                chosen = value;
            } else {
                chosen = number(value).max(number(actual)).toString();
            }
        }
        if (useMin) {
            if (actualUnlimited && valueUnlimited) {
                chosen = actual;
            } else if (actualUnlimited) {
                chosen = value;
            } else if (valueUnlimited) {
                chosen = actual;
            } else {
                chosen = number(value).min(number(actual)).toString();
            }
        }
        return chosen;
    }

    private static BigInteger number(String text) {
        return PamLimitsModule.pythonInt(text).orElseThrow(() ->
                new IllegalArgumentException("invalid literal for int() with base 10: '" + text + "'"));
    }

    private static String limitLine(Limit limit, String value, String comment) {
        return limit.domain() + "\t" + limit.type() + "\t" + limit.item() + "\t" + value + comment + "\n";
    }

    /** Python's {@code re.sub(r'\s+', ' ', line)} on text. */
    private static String collapseSpaces(String line) {
        StringBuilder out = new StringBuilder();
        boolean inSpace = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (isPySpace(c)) {
                if (!inSpace) {
                    out.append(' ');
                }
                inSpace = true;
            } else {
                out.append(c);
                inSpace = false;
            }
        }
        return out.toString();
    }

    static String pyStrip(String text) {
        int start = 0;
        while (start < text.length() && isPySpace(text.charAt(start))) {
            start++;
        }
        return pyRstrip(text.substring(start));
    }

    private static String pyRstrip(String text) {
        int end = text.length();
        while (end > 0 && isPySpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** Python's {@code str.isspace} for one character. */
    private static boolean isPySpace(char c) {
        return Character.isWhitespace(c) || c == '\u0085' || c == '\u00a0' || c == '\u2007' || c == '\u202f';
    }
}
