package dev.playbake.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loose version comparison, as Ansible's {@code version} test does by default. */
public final class Versions {

    private static final Pattern PART = Pattern.compile("\\d+|[a-zA-Z]+");

    private Versions() {
    }

    public static int compare(String left, String right) {
        List<Object> a = parts(left);
        List<Object> b = parts(right);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i >= a.size()) {
                return -1;
            }
            if (i >= b.size()) {
                return 1;
            }
            Object x = a.get(i);
            Object y = b.get(i);
            int c;
            if (x instanceof Long p && y instanceof Long q) {
                c = Long.compare(p, q);
            } else if (x instanceof Long) {
                c = 1;
            } else if (y instanceof Long) {
                c = -1;
            } else {
                c = ((String) x).compareTo((String) y);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static boolean test(String left, String right, String operator) {
        int c = compare(left, right);
        return switch (operator) {
            case "<", "lt" -> c < 0;
            case "<=", "le" -> c <= 0;
            case ">", "gt" -> c > 0;
            case ">=", "ge" -> c >= 0;
            case "==", "=", "eq" -> c == 0;
            case "!=", "<>", "ne" -> c != 0;
            default -> throw new TemplateException("version: unknown operator '" + operator + "'");
        };
    }

    private static List<Object> parts(String version) {
        List<Object> parts = new ArrayList<>();
        Matcher m = PART.matcher(version);
        while (m.find()) {
            String p = m.group();
            parts.add(Character.isDigit(p.charAt(0)) ? (Object) Long.parseLong(p) : p);
        }
        return parts;
    }
}
