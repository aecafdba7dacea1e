package dev.playbake.playbook;

import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The escapes Ansible's parse_kv decodes in each inline {@code k=v} word before splitting it (its
 * {@code _decode_escapes}): Python's {@code \\n}, {@code \\t}, {@code \\\\}, quotes, {@code \\xNN},
 * {@code \\uNNNN}, {@code \\UNNNNNNNN} and {@code \\N{name}}; any other backslash stays as written.
 */
final class ArgumentEscapes {

    private static final Pattern ESCAPE = Pattern.compile(
            "\\\\U\\p{XDigit}{8}|\\\\u\\p{XDigit}{4}|\\\\x\\p{XDigit}{2}|\\\\N\\{[^}]+}|\\\\[\\\\'\"abfnrtv]");

    private ArgumentEscapes() {
    }

    static String decode(String word) {
        Matcher matcher = ESCAPE.matcher(word);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(decoded(matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String decoded(String escape) {
        char kind = escape.charAt(1);
        return switch (kind) {
            case 'U', 'u', 'x' -> Character.toString(HexFormat.fromHexDigits(escape.substring(2)));
            case 'N' -> named(escape);
            case 'a' -> "\u0007";
            case 'b' -> "\b";
            case 'f' -> "\f";
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case 'v' -> "\u000b";
            default -> String.valueOf(kind);
        };
    }

    /** {@code \N{name}}: a name Unicode does not know is left as written (Python would refuse the task). */
    private static String named(String escape) {
        try {
            return Character.toString(Character.codePointOf(escape.substring(3, escape.length() - 1)));
        } catch (IllegalArgumentException unknown) {
            return escape;
        }
    }
}
