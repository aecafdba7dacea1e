package dev.playbake.template;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.StringConcatOperator;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import dev.playbake.python.PyNone;
import dev.playbake.python.PyStrings;
import jinjava.de.odysseus.el.misc.NumberOperations;
import jinjava.de.odysseus.el.misc.TypeConverter;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.Scanner.ScanException;
import jinjava.de.odysseus.el.tree.impl.Scanner.Symbol;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.de.odysseus.el.tree.impl.ast.AstString;
import jinjava.de.odysseus.el.tree.impl.ast.AstUnary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * jinjava's expression parser with Jinja2's grammar where they differ: filters and tests chain left to
 * right ({@code x | lower is not search('bsd')}, {@code x is defined | string}), their names may be
 * collection-qualified ({@code ansible.builtin.ternary}), {@code not} binds looser than comparisons
 * ({@code not x is defined}, {@code not a == b}), an inline {@code if} without {@code else} renders empty,
 * {@code ~} prints its operands as Python does, and {@code 'text' % args} formats as Python's {@code %}.
 */
final class JinjaExpressionParser extends ExtendedParser {

    JinjaExpressionParser(Builder context, String input) {
        super(context, input);
        putExtensionHandler(StringConcatOperator.TOKEN, new ExtensionHandler(ExtensionPoint.ADD) {
            @Override
            public AstNode createAstNode(AstNode... children) {
                return new AstBinary(children[0], children[1], PYTHON_CONCAT);
            }
        });
    }

    /** Jinja2's {@code ~}: both sides as Python's str() prints them ({@code True}, {@code ['a']}). */
    private static final AstBinary.Operator PYTHON_CONCAT = new AstBinary.SimpleOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object left, Object right) {
            return text(left) + text(right);
        }

        private static String text(Object value) {
            if (value == PyNone.NONE) {
                return "None";
            }
            Object plain = Templar.toJava(value);
            return plain == null ? "" : PyStrings.str(plain);
        }

        @Override
        public String toString() {
            return "~";
        }
    };

    /**
     * Python's {@code %}: a string on the left is printf-style formatted (a list or tuple on the right gives the
     * arguments, a mapping the named ones, anything else the one argument); numbers keep jinjava's modulo.
     */
    private static final AstBinary.Operator PYTHON_MOD = new AstBinary.SimpleOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object left, Object right) {
            if (!(left instanceof String text)) {
                return NumberOperations.mod(converter, left, right);
            }
            if (right instanceof Map<?, ?> named) {
                Map<String, Object> kwargs = new LinkedHashMap<>();
                named.forEach((key, value) -> kwargs.put(String.valueOf(key), value));
                return PercentFormat.format(text, new Object[0], kwargs);
            }
            Object[] args = right instanceof List<?> list ? list.toArray() : new Object[] {right};
            return PercentFormat.format(text, args, Map.of());
        }

        @Override
        public String toString() {
            return "%";
        }
    };

    @Override
    protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
        return super.createAstBinary(left, right, operator == AstBinary.MOD ? PYTHON_MOD : operator);
    }

    /** Builds trees with {@link JinjaExpressionParser}; the features are those jinjava's own factory enables. */
    static final class SyntaxBuilder extends ExtendedSyntaxBuilder {

        private static final long serialVersionUID = 1L;

        SyntaxBuilder() {
            super(Feature.METHOD_INVOCATIONS, Feature.VARARGS);
        }

        @Override
        protected Parser createParser(String expression) {
            return new JinjaExpressionParser(this, expression);
        }
    }

    @Override
    protected AstNode expr(boolean required) throws ScanException, ParseException {
        AstNode value = or(required);
        if (value == null || getToken().getSymbol() != Symbol.QUESTION) {
            return value;
        }
        if (!"if".equals(getToken().getImage())) {
            return super.expr(required);
        }
        consumeToken();
        AstNode condition = or(true);
        AstNode otherwise;
        if ("else".equals(getToken().getImage())) {
            consumeToken();
            otherwise = expr(true);
        } else {
            // Jinja2 gives an Undefined that prints as nothing
            otherwise = new AstString("");
        }
        return createAstChoice(condition, value, otherwise);
    }

    @Override
    protected AstNode eq(boolean required) throws ScanException, ParseException {
        if (getToken().getSymbol() == Symbol.NOT) {
            consumeToken();
            return createAstUnary(eq(true), AstUnary.NOT);
        }
        return super.eq(required);
    }

    @Override
    protected AstNode filter(boolean required) throws ScanException, ParseException {
        AstNode value = unary(required);
        if (value == null) {
            return null;
        }
        while (true) {
            if (isPipe() && lookahead(0).getSymbol() == Symbol.IDENTIFIER) {
                consumeToken();
                value = applyFilter(value);
            } else if (isWord("is")) {
                consumeToken();
                value = applyTest(value);
            } else {
                return value;
            }
        }
    }

    private AstNode applyFilter(AstNode input) throws ScanException, ParseException {
        String name = PluginNames.filter(dottedName());
        requireKnown(name, "filter", context -> context.getFilter(name));
        List<AstNode> arguments = new ArrayList<>(List.of(input, interpreter()));
        if (getToken().getSymbol() == Symbol.LPAREN) {
            AstParameters given = params();
            for (int i = 0; i < given.getCardinality(); i++) {
                arguments.add(given.getChild(i));
            }
        }
        return createAstMethod(createAstDot(identifier(FILTER_PREFIX + name), "filter", true),
                createAstParameters(arguments));
    }

    /** As jinjava builds a test: one argument, a parenthesised list being a tuple it unpacks. */
    private AstNode applyTest(AstNode input) throws ScanException, ParseException {
        boolean negated = isWord("not") && lookahead(0).getSymbol() != Symbol.EOF;
        if (negated) {
            consumeToken();
        }
        String name = PluginNames.test(dottedName());
        requireKnown(name, "test", context -> context.getExpTest(name));
        List<AstNode> arguments = new ArrayList<>(List.of(input, interpreter()));
        if (!isWord("else") && !isWord("if")) {
            AstNode argument = value();
            if (argument != null) {
                arguments.add(argument);
            }
        }
        return createAstMethod(createAstDot(identifier(EXPTEST_PREFIX + name),
                negated ? "evaluateNegated" : "evaluate", true), createAstParameters(arguments));
    }

    /** A filter or test name: {@code lower}, {@code ansible.builtin.ternary}, or a keyword-named test ({@code in}, {@code true}). */
    private String dottedName() throws ScanException, ParseException {
        StringBuilder name = new StringBuilder(consumeToken().getImage());
        while (getToken().getSymbol() == Symbol.DOT && lookahead(0).getSymbol() == Symbol.IDENTIFIER) {
            consumeToken();
            name.append('.').append(consumeToken().getImage());
        }
        return name.toString();
    }

    /** Jinja2 refuses an unknown filter or test when it compiles the template, as Ansible reports it. */
    private static void requireKnown(String name, String kind, Function<Context, Object> lookup) {
        JinjavaInterpreter.getCurrentMaybe().ifPresent(interpreter -> {
            if (lookup.apply(interpreter.getContext()) == null) {
                throw new TemplateException("Could not load \"" + name + "\": playbake has no " + kind + " of that name");
            }
        });
    }

    private boolean isPipe() {
        return getToken().getSymbol() == Symbol.EXTENSION && "|".equals(getToken().getImage());
    }

    private boolean isWord(String word) {
        return getToken().getSymbol() != Symbol.STRING && word.equals(getToken().getImage());
    }
}
