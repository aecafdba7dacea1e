package dev.playbake.python;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting for the scripts modules send over exec, and Python's {@code shlex.split}. */
public final class Sh {

    /** A text that {@code shlex.split} refuses: a quotation is not closed. */
    public static final class UnclosedQuotation extends IllegalArgumentException {
        UnclosedQuotation(String text) {
            super("No closing quotation in: " + text);
        }
    }

    private Sh() {
    }

    /** Quotes one word so the shell passes it through unchanged. */
    public static String quote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9@%+=:,./_-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    public static String join(List<String> words) {
        return words.stream().map(Sh::quote).collect(Collectors.joining(" "));
    }

    /** Python's shlex.split: words split on blanks, with '' and "" quoting and backslash escapes. */
    public static List<String> split(String text) {
        List<String> words = new java.util.ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < text.length() && "\\\"$`\n".indexOf(text.charAt(i + 1)) >= 0) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new UnclosedQuotation(text);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** A glob pattern kept live for the shell, with anything else quoted. */
    public static String glob(String pattern) {
        StringBuilder out = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            out.append("*?[]".indexOf(c) >= 0 ? String.valueOf(c) : quote(String.valueOf(c)));
        }
        return out.toString();
    }
}
