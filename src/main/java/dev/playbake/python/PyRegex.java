package dev.playbake.python;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python regular expressions on java.util.regex: named groups {@code (?P<name>)} and
 * {@code (?P=name)}, and re.sub's replacement syntax ({@code \1}, {@code \g<name>}, {@code \n}).
 */
public final class PyRegex {

    private static final Pattern NAMED = Pattern.compile("\\(\\?P<([A-Za-z_][A-Za-z0-9_]*)>");
    private static final Pattern BACKREF = Pattern.compile("\\(\\?P=([A-Za-z_][A-Za-z0-9_]*)\\)");

    private final Pattern pattern;
    private final Map<String, String> names;

    private PyRegex(Pattern pattern, Map<String, String> names) {
        this.pattern = pattern;
        this.names = names;
    }

    /** Compiles a Python pattern; Java group names allow no '_', so names are mapped. */
    public static PyRegex compile(String python, int flags) {
        Map<String, String> names = new LinkedHashMap<>();
        Matcher named = NAMED.matcher(python);
        StringBuilder out = new StringBuilder();
        while (named.find()) {
            String javaName = "g" + names.size() + named.group(1).replaceAll("[^A-Za-z0-9]", "");
            names.put(named.group(1), javaName);
            named.appendReplacement(out, Matcher.quoteReplacement("(?<" + javaName + ">"));
        }
        named.appendTail(out);
        Matcher backref = BACKREF.matcher(out.toString());
        StringBuilder withRefs = new StringBuilder();
        while (backref.find()) {
            String javaName = names.getOrDefault(backref.group(1), backref.group(1));
            backref.appendReplacement(withRefs, Matcher.quoteReplacement("\\k<" + javaName + ">"));
        }
        backref.appendTail(withRefs);
        return new PyRegex(Pattern.compile(withRefs.toString(), flags | Pattern.UNIX_LINES), names);
    }

    public Pattern pattern() {
        return pattern;
    }

    /** The group's Java name for a Python group name. */
    public String group(String pythonName) {
        return names.getOrDefault(pythonName, pythonName);
    }

    /** re.sub's expansion of a replacement template for one match. */
    public String expand(Matcher match, String template) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 == template.length()) {
                out.append(c);
                continue;
            }
            char next = template.charAt(++i);
            if (Character.isDigit(next)) {
                int end = i + 1 < template.length() && Character.isDigit(template.charAt(i + 1)) ? i + 2 : i + 1;
                out.append(orEmpty(match.group(Integer.parseInt(template.substring(i, end)))));
                i = end - 1;
            } else if (next == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
                int close = template.indexOf('>', i);
                String ref = template.substring(i + 2, close);
                out.append(orEmpty(ref.matches("\\d+") ? match.group(Integer.parseInt(ref)) : match.group(group(ref))));
                i = close;
            } else {
                out.append(switch (next) {
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    case 'r' -> "\r";
                    case '\\' -> "\\";
                    default -> "\\" + next;
                });
            }
        }
        return out.toString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
