package dev.playbake.python;

import java.util.regex.Pattern;

/** Python's {@code fnmatch}: shell-style wildcards as a regular expression. */
public final class Fnmatch {

    private Fnmatch() {
    }

    /** Python's fnmatch.translate: {@code *}, {@code ?}, {@code [seq]} and {@code [!seq]}. */
    public static String translate(String pattern) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i++);
            if (c == '*') {
                out.append(".*");
            } else if (c == '?') {
                out.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < pattern.length() && pattern.charAt(j) == '!') {
                    j++;
                }
                if (j < pattern.length() && pattern.charAt(j) == ']') {
                    j++;
                }
                while (j < pattern.length() && pattern.charAt(j) != ']') {
                    j++;
                }
                if (j >= pattern.length()) {
                    out.append("\\[");
                } else {
                    String set = pattern.substring(i, j).replace("\\", "\\\\").replace("[", "\\[");
                    i = j + 1;
                    if (set.startsWith("!")) {
                        set = "^" + set.substring(1);
                    } else if (set.startsWith("^")) {
                        set = "\\" + set;
                    }
                    out.append('[').append(set).append(']');
                }
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return out.toString();
    }
}
