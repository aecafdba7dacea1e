package dev.playbake.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables rendering a text certainly looks up, read without rendering it: those whose absence is an error
 * whatever the other values are. Only expressions this reading follows completely count: names, attributes and
 * literal subscripts, comparisons, {@code ~}, {@code not}, and filters that fail on an undefined value. Anything else
 * ({@code default}, tests such as {@code is defined}, {@code and}/{@code or}, {@code if}, calls, block tags,
 * comments) may tolerate an undefined name, so the text gives none: a miss is better than a false alarm.
 */
public final class CertainNames {

    private static final Pattern EXPRESSION = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern TOKEN = Pattern.compile("\\s*(?:([A-Za-z_][A-Za-z0-9_]*)|([0-9]+(?:\\.[0-9]+)?)"
            + "|('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")|(==|!=|<=|>=|[<>~|.\\[\\](),]))");
    private static final Set<String> LITERALS = Set.of("true", "false", "none", "True", "False", "None");
    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=", "~");
    /** Filters that use their input (Ansible's undefined raises on it): checked against ansible-core 2.14. */
    private static final Set<String> STRICT_FILTERS = Set.of("bool", "int", "float", "string", "lower", "upper",
            "capitalize", "title", "trim", "length", "count", "to_json", "to_nice_json", "to_yaml", "to_nice_yaml",
            "quote", "join", "first", "last", "list", "sort", "unique", "replace", "regex_replace", "b64encode");

    private CertainNames() {
    }

    /** The names the {@code {{ … }}} expressions of a text certainly read, in order. */
    public static List<String> inText(String text) {
        if (text.contains("{%") || text.contains("{#")) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        Matcher expressions = EXPRESSION.matcher(text);
        while (expressions.find()) {
            Optional<List<String>> read = read(expressions.group(1));
            if (read.isEmpty()) {
                return List.of();
            }
            read.get().stream().filter(name -> !names.contains(name)).forEach(names::add);
        }
        return names;
    }

    /** The names a bare expression (a {@code when} condition) certainly reads. */
    public static List<String> inExpression(String expression) {
        if (expression.contains("{{") || expression.contains("{%") || expression.contains("{#")) {
            return inText(expression);
        }
        return read(expression).orElse(List.of());
    }

    /** The names of an expression, or empty when it is not one this reading follows. */
    private static Optional<List<String>> read(String expression) {
        Optional<List<Token>> tokens = tokens(expression);
        if (tokens.isEmpty() || tokens.get().isEmpty()) {
            return Optional.empty();
        }
        Reader reader = new Reader(tokens.get());
        return reader.expression() ? Optional.of(reader.names) : Optional.empty();
    }

    private record Token(String text, boolean name, boolean literal) {
    }

    private static Optional<List<Token>> tokens(String expression) {
        List<Token> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(expression);
        int at = 0;
        while (at < expression.length()) {
            if (expression.substring(at).isBlank()) {
                break;
            }
            if (!matcher.find(at) || matcher.start() != at) {
                return Optional.empty();
            }
            String name = matcher.group(1);
            tokens.add(name != null ? new Token(name, !LITERALS.contains(name), LITERALS.contains(name))
                    : matcher.group(4) != null ? new Token(matcher.group(4), false, false)
                    : new Token(matcher.group(), false, true));
            at = matcher.end();
        }
        return Optional.of(tokens);
    }

    /** A recursive reading of the small grammar above; every method says whether its part was read. */
    private static final class Reader {
        private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "if", "else", "is", "in", "for",
                "recursive");

        private final List<Token> tokens;
        private final List<String> names = new ArrayList<>();
        private int at;

        Reader(List<Token> tokens) {
            this.tokens = tokens;
        }

        boolean expression() {
            if (peek("not")) {
                at++;
            }
            if (!operand()) {
                return false;
            }
            while (at < tokens.size() && COMPARISONS.contains(tokens.get(at).text())) {
                at++;
                if (!operand()) {
                    return false;
                }
            }
            return at == tokens.size();
        }

        private boolean operand() {
            if (at >= tokens.size()) {
                return false;
            }
            Token first = tokens.get(at);
            if (first.literal()) {
                at++;
            } else if (!chain()) {
                return false;
            }
            while (peek("|")) {
                at++;
                if (at >= tokens.size() || !STRICT_FILTERS.contains(tokens.get(at).text())) {
                    return false;
                }
                at++;
                if (peek("(") && !skipArguments()) {
                    return false;
                }
            }
            return true;
        }

        private boolean chain() {
            Token name = tokens.get(at);
            if (!name.name() || KEYWORDS.contains(name.text())) {
                return false;
            }
            at++;
            if (peek("(")) {
                return false;  // a call: a global function, not a variable
            }
            names.add(name.text());
            while (peek(".") || peek("[")) {
                if (peek(".")) {
                    at++;
                    if (at >= tokens.size() || !tokens.get(at).name()) {
                        return false;
                    }
                    at++;
                } else {
                    at++;
                    if (at + 1 >= tokens.size() || !tokens.get(at).literal() || !tokens.get(at + 1).text().equals("]")) {
                        return false;
                    }
                    at += 2;
                }
            }
            return true;
        }

        /** Past a filter's balanced argument list: what it holds is evaluated only as the filter decides. */
        private boolean skipArguments() {
            int depth = 0;
            while (at < tokens.size()) {
                String text = tokens.get(at++).text();
                if (text.equals("(")) {
                    depth++;
                } else if (text.equals(")") && --depth == 0) {
                    return true;
                }
            }
            return false;
        }

        private boolean peek(String text) {
            return at < tokens.size() && tokens.get(at).text().equals(text) && !tokens.get(at).literal();
        }
    }
}
