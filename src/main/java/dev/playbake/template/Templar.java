package dev.playbake.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.FatalTemplateErrorsException;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.objects.SafeString;
import dev.playbake.python.PyLiteral;
import dev.playbake.python.PyNone;
import dev.playbake.python.PyTuple;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2 as Ansible speaks it, on jinjava: undefined variables are errors, a value that is one
 * {@code {{ expr }}} keeps its native type, variables are rendered lazily when used, output prints
 * like Python ({@code True}, {@code None}, {@code ['a']}), and Ansible's filters, tests and lookups exist. A little
 * over 300 lines: rendering, lazy variable resolution and conditions share one interpreter set-up.
 */
public final class Templar {

    /** The value of {@code omit}: arguments rendered to it are dropped, as in Ansible. */
    public static final String OMIT = "__omit_place_holder__"
            + HexFormat.of().formatHex(new SecureRandom().generateSeed(20));

    private static final Pattern SINGLE_EXPRESSION = Pattern.compile("^\\{\\{(.*?)}}$", Pattern.DOTALL);
    private static final Pattern EMPTY_EXPRESSION = Pattern.compile("\\{\\{-?\\s*-?}}");
    private static final ThreadLocal<Set<String>> RESOLVING = ThreadLocal.withInitial(LinkedHashSet::new);

    private final Jinjava jinjava;
    private final LookupPlugins lookups;
    /** Template files with their own trim/lstrip/delimiter settings, each syntax built once. */
    private final Map<TemplateSyntax, Jinjava> bySyntax = new java.util.concurrent.ConcurrentHashMap<>();

    public Templar(LookupPlugins lookups) {
        this.lookups = lookups;
        this.jinjava = JinjavaEnvironment.create(TemplateSyntax.DEFAULT);
        bySyntax.put(TemplateSyntax.DEFAULT, jinjava);
    }

    public LookupPlugins lookups() {
        return lookups;
    }

    /** Renders every string inside a value (maps and lists recursively); other values pass through. */
    public Object template(Object value, Variables vars) {
        if (value instanceof String text) {
            return render(text, vars);
        }
        if (value instanceof UnsafeText unsafe) {
            return unsafe.text();
        }
        if (value instanceof LazyVarsMap) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(template(String.valueOf(k), vars)), template(v, vars)));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            list.forEach(item -> result.add(template(item, vars)));
            return result;
        }
        return value;
    }

    /** Renders one string: a lone {@code {{ expr }}} to its native value, anything else to text. */
    public Object render(String text, Variables vars) {
        if (!isTemplate(text)) {
            return text;
        }
        UnclosedExpression.check(text);
        Matcher single = SINGLE_EXPRESSION.matcher(text);
        // "{{ x }}\n" is text in Ansible: the newline is a second node of the output, so no native value
        if (single.matches() && !single.group(1).contains("{{") && !single.group(1).contains("}}")
                && !text.endsWith("\n")) {
            return evaluate(single.group(1).strip(), vars);
        }
        String rendered = renderText(text, vars, TemplateSyntax.DEFAULT, true);
        // Ansible's ansible_concat: text that reads as a dict, a list or a bool becomes one
        if (rendered.startsWith("{") || rendered.startsWith("[")) {
            return PyLiteral.parse(rendered).map(Templar::toJava).orElse(rendered);
        }
        if (rendered.equals("True") || rendered.equals("False")) {
            return Boolean.valueOf(rendered.equals("True"));
        }
        return rendered;
    }

    /** Renders to text, as the template module does. */
    public String renderText(String text, Variables vars) {
        return renderText(text, vars, TemplateSyntax.DEFAULT, false);
    }

    /** Renders a template file read with its own syntax settings. */
    public String renderText(String text, Variables vars, TemplateSyntax syntax) {
        return renderText(text, vars, syntax, false);
    }

    /** {@code literalBackslashes}: a task value's, which Ansible escapes; a template file's are Python's. */
    private String renderText(String text, Variables vars, TemplateSyntax requested, boolean literalBackslashes) {
        TemplateHeader header = TemplateHeader.read(text, requested);
        TemplateSyntax syntax = header.syntax();
        if (!syntax.isTemplate(header.body())) {
            return header.body();
        }
        String body = withoutLastLineBreak(header.body());
        String source = syntax.usesDefaultDelimiters() ? NumericAttributes.inTemplate(Backslashes.inTemplate(
                ForElse.rewrite(LoopFilters.rewrite(body)), literalBackslashes)) : body;
        Jinjava engine = bySyntax.computeIfAbsent(syntax, JinjavaEnvironment::create);
        String rendered = withInterpreter(engine, vars, interpreter -> interpreter.render(source), text);
        return withTrailingNewlines(text, rendered);
    }

    /** Jinja2's lexer drops a template's last line break (keep_trailing_newline off); jinjava keeps it. */
    private static String withoutLastLineBreak(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") || text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * Ansible puts back as many trailing newlines as the source ended with when the rendering has fewer
     * ({@code preserve_trailing_newlines}): {@code "{{ x }}\n"} keeps its newline, and one that ends
     * in a value ending in a newline gets no second.
     */
    private static String withTrailingNewlines(String source, String rendered) {
        int missing = trailingNewlines(source) - trailingNewlines(rendered);
        return missing > 0 ? rendered + "\n".repeat(missing) : rendered;
    }

    private static int trailingNewlines(String text) {
        int count = 0;
        for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\n'; i--) {
            count++;
        }
        return count;
    }

    /** Evaluates a bare Jinja2 expression ({@code x + 1}, {@code item.name | upper}) to a native value. */
    public Object evaluate(String expression, Variables vars) {
        return withInterpreter(vars, interpreter -> toJava(interpreter.resolveELExpression(
                NumericAttributes.inExpression(Backslashes.inExpression(expression, true)), 1)), expression);
    }

    /** Evaluates a {@code when}/{@code changed_when}/{@code failed_when}/{@code until} condition as Ansible does. */
    public boolean condition(Object condition, Variables vars) {
        if (condition instanceof Boolean b) {
            return b;
        }
        if (condition == null) {
            return false;
        }
        if (condition instanceof Number n) {
            return n.doubleValue() != 0;
        }
        String expression = String.valueOf(condition).strip();
        if (expression.isEmpty()) {
            return false;
        }
        if (isTemplate(expression)) {
            Object rendered = render(expression, vars);
            if (!(rendered instanceof String s)) {
                return truthy(rendered);
            }
            expression = s.strip();
        }
        switch (expression) {
            case "True", "true" -> {
                return true;
            }
            case "False", "false" -> {
                return false;
            }
            default -> {
                return truthy(evaluate(expression, vars));
            }
        }
    }

    /** Python truthiness. */
    public static boolean truthy(Object value) {
        if (value == null || value == PyNone.NONE) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof CharSequence s) {
            return !s.isEmpty();
        }
        if (value instanceof java.util.Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    public static boolean isTemplate(String text) {
        return TemplateSyntax.DEFAULT.isTemplate(text);
    }

    /** Converts jinjava's containers and numbers into plain Java values. */
    public static Object toJava(Object value) {
        if (value instanceof SafeString safe) {
            return safe.toString();
        }
        if (value instanceof com.hubspot.jinjava.objects.collections.PyList wrapped
                && wrapped.toList() instanceof GroupTuple group) {
            return group;
        }
        if (value instanceof LazyVarsMap || value instanceof GroupTuple) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), toJava(v)));
            return result;
        }
        if (value instanceof Iterable<?> list && !(value instanceof String)) {
            List<Object> result = new ArrayList<>();
            list.forEach(item -> result.add(toJava(item)));
            return value instanceof PyTuple ? new PyTuple(result) : result;
        }
        if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        if (value == PyNone.NONE) {
            return null;
        }
        return value;
    }

    private interface Rendering<T> {
        T apply(JinjavaInterpreter interpreter);
    }

    private <T> T withInterpreter(Variables vars, Rendering<T> rendering, String source) {
        return withInterpreter(jinjava, vars, rendering, source);
    }

    private <T> T withInterpreter(Jinjava engine, Variables vars, Rendering<T> rendering, String source) {
        // jinjava prints nothing for an empty {{ }}; Jinja2 refuses it
        if (engine == jinjava && EMPTY_EXPRESSION.matcher(source).find()) {
            throw new TemplateException("Expected an expression, got 'end of print statement' in '"
                    + TemplateErrors.abbreviate(source) + "'");
        }
        JinjavaInterpreter interpreter = engine.newInterpreter();
        Context context = interpreter.getContext();
        context.setDynamicVariableResolver(name -> resolve(name, vars));
        context.setExpressionStrategy(JinjavaEnvironment.PYTHON_OUTPUT);
        context.put(LookupPlugins.CONTEXT_KEY, new LookupPlugins.Bound(lookups, this, vars));
        JinjavaInterpreter.pushCurrent(interpreter);
        UndefinedNames.forget();
        T result;
        try {
            result = rendering.apply(interpreter);
        } catch (FatalTemplateErrorsException e) {
            throw new TemplateException(TemplateErrors.describe(e.getErrors().iterator().next(), source));
        } catch (InterpretException e) {
            throw new TemplateException(TemplateErrors.describe(e.getMessage(), source));
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        for (TemplateError error : interpreter.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new TemplateException(TemplateErrors.describe(error, source));
            }
        }
        return result;
    }

    private Object resolve(String name, Variables vars) {
        switch (name) {
            case "omit" -> {
                return OMIT;
            }
            case "None", "none" -> {
                return PyNone.NONE;
            }
            case "True" -> {
                return Boolean.TRUE;
            }
            case "False" -> {
                return Boolean.FALSE;
            }
            default -> {
            }
        }
        Optional<Object> raw = vars.raw(name);
        if (raw.isEmpty()) {
            UndefinedNames.missed(name);
            return null;
        }
        UndefinedNames.forget();
        Set<String> resolving = RESOLVING.get();
        if (!resolving.add(name)) {
            throw new TemplateException("recursive loop detected in template for variable '" + name + "'");
        }
        try {
            Object value = template(raw.get(), vars);
            return value == null ? PyNone.NONE : value;
        } finally {
            resolving.remove(name);
        }
    }
}
