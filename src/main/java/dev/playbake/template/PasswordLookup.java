package dev.playbake.template;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * {@code lookup('password', 'path length=N chars=…')}: the password stored at the path, or a new
 * random one stored there, with Ansible's parameters and character sets. {@code /dev/null} is
 * never stored.
 */
final class PasswordLookup {

    private static final String LETTERS_LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String LETTERS_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String DIGITS = "0123456789";
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final String WHITESPACE = " \t\n\r\u000b\u000c";
    /** Python's string module constants, which chars= names. */
    private static final Map<String, String> SETS = Map.of(
            "ascii_letters", LETTERS_LOWER + LETTERS_UPPER,
            "ascii_lowercase", LETTERS_LOWER,
            "ascii_uppercase", LETTERS_UPPER,
            "digits", DIGITS,
            "hexdigits", DIGITS + "abcdefABCDEF",
            "octdigits", "01234567",
            "punctuation", PUNCTUATION,
            "printable", DIGITS + LETTERS_LOWER + LETTERS_UPPER + PUNCTUATION + WHITESPACE,
            "whitespace", WHITESPACE);
    private static final List<String> DEFAULT_CHARS = List.of("ascii_letters", "digits", ".,:-_");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PasswordStore store;

    PasswordLookup(PasswordStore store) {
        this.store = store;
    }

    String lookup(String term) {
        String text = term.strip();
        int space = text.indexOf(' ');
        String path = space < 0 ? text : text.substring(0, space);
        int length = 20;
        List<String> chars = DEFAULT_CHARS;
        // a seed gives Python's random.Random(seed) sequence, so the same password as Ansible's lookup
        IntUnaryOperator below = RANDOM::nextInt;
        if (space >= 0) {
            for (String param : text.substring(space + 1).strip().split("\\s+")) {
                int eq = param.indexOf('=');
                if (eq < 0) {
                    throw new TemplateException("Unrecognized value after key=value parameters given to password "
                            + "lookup: " + param);
                }
                String key = param.substring(0, eq);
                String value = unquote(param.substring(eq + 1));
                switch (key) {
                    case "length" -> length = parseLength(value);
                    case "chars" -> chars = charSpecs(value);
                    case "seed" -> {
                        PyRandom seeded = new PyRandom(value);
                        below = n -> (int) seeded.randbelow(n);
                    }
                    case "encrypt", "ident" -> throw new TemplateException("lookup('password'): " + key + " is not "
                            + "supported; hash the plain password with the password_hash filter instead");
                    default -> throw new TemplateException("Unrecognized parameter(s) given to password lookup: " + key);
                }
            }
        }
        boolean discard = path.equals("/dev/null");
        if (!discard) {
            var stored = store.read(path);
            if (stored.isPresent()) {
                String content = stored.get().stripTrailing();
                int salt = content.lastIndexOf(" salt=");
                return salt < 0 ? content : content.substring(0, salt);
            }
        }
        String candidates = candidates(chars);
        if (candidates.isEmpty()) {
            throw new TemplateException("lookup('password'): chars gives no characters to choose from");
        }
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < length; i++) {
            password.append(candidates.charAt(below.applyAsInt(candidates.length())));
        }
        if (discard) {
            store.discarded(password.toString());
        } else {
            store.write(path, password + "\n");
        }
        return password.toString();
    }

    private static int parseLength(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new TemplateException("lookup('password'): length must be a number, not '" + value + "'");
        }
    }

    /** chars=a,b: comma-separated specs, with ",," for a comma itself. */
    private static List<String> charSpecs(String value) {
        List<String> specs = new ArrayList<>();
        if (value.contains(",,")) {
            specs.add(",");
        }
        for (String spec : value.replace(",,", ",").split(",")) {
            if (!spec.isEmpty()) {
                specs.add(spec);
            }
        }
        return specs;
    }

    private static String candidates(List<String> specs) {
        StringBuilder chars = new StringBuilder();
        specs.forEach(spec -> chars.append(SETS.getOrDefault(spec, spec)));
        return chars.toString().replace("\"", "").replace("'", "");
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
