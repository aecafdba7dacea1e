package dev.playbake.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.lib.expression.ExpressionStrategy;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.StringTokenScannerSymbols;
import dev.playbake.python.PyStrings;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.javax.el.ExpressionFactory;

/**
 * How jinjava is set up to speak Ansible's Jinja2: its options, filters, tests, lookups, resolvers, output, and the
 * build context as the only place templates include from.
 */
final class JinjavaEnvironment {

    /** As many parsed expressions as jinjava's own factory keeps. */
    private static final int EXPRESSION_CACHE_SIZE = 1000;

    private JinjavaEnvironment() {
    }

    /** A jinjava engine configured as Jinja2 behaves under Ansible, for one template syntax. */
    static Jinjava create(TemplateSyntax syntax) {
        JinjavaConfig.Builder config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(true)
                .withElResolver(resolvers())
                .withNestedInterpretationEnabled(false)
                .withTrimBlocks(syntax.trimBlocks())
                .withLstripBlocks(syntax.lstripBlocks())
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUsePyishObjectMapper(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withKeepNullableLoopValues(true)
                        .withEvaluateMapKeys(true)
                        .withIterateOverMapKeys(true)
                        .withHandleBackslashInQuotesOnly(true)
                        .withUseTrimmingForNotesAndExpressions(true)
                        .build());
        if (!syntax.usesDefaultDelimiters()) {
            config.withTokenScannerSymbols(StringTokenScannerSymbols.builder()
                    .withBlockStartString(syntax.blockStart())
                    .withBlockEndString(syntax.blockEnd())
                    .withVariableStartString(syntax.variableStart())
                    .withVariableEndString(syntax.variableEnd())
                    .withCommentStartString(syntax.commentStart())
                    .withCommentEndString(syntax.commentEnd())
                    .build());
        }
        Jinjava jinjava = withJinjaGrammar(config.build());
        jinjava.setResourceLocator(new BuildContextTemplates());
        AnsibleFilters.register(jinjava.getGlobalContext());
        AnsibleTests.register(jinjava.getGlobalContext());
        LookupPlugins.registerFunctions(jinjava.getGlobalContext());
        JinjaGlobals.register(jinjava.getGlobalContext());
        return jinjava;
    }

    /** A jinjava whose expressions are parsed by {@link JinjaExpressionParser}. */
    private static Jinjava withJinjaGrammar(JinjavaConfig config) {
        ExpressionFactory factory = new ExpressionFactoryImpl(
                new TreeStore(new JinjaExpressionParser.SyntaxBuilder(), new Cache(EXPRESSION_CACHE_SIZE)),
                new TruthyTypeConverter());
        return new Jinjava(config) {
            @Override
            public ExpressionFactory getExpressionFactory() {
                return factory;
            }
        };
    }

    /** Python's string, dict and list methods first, then jinjava's own resolvers. */
    private static jinjava.javax.el.ELResolver resolvers() {
        jinjava.javax.el.CompositeELResolver composite = new jinjava.javax.el.CompositeELResolver();
        composite.add(new UndefinedNames());
        composite.add(new PythonMethods());
        composite.add(com.hubspot.jinjava.el.JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        return composite;
    }

    /** Prints {@code {{ }}} results like Python's str(): True, None, ['a', 'b']. */
    static final ExpressionStrategy PYTHON_OUTPUT = (token, interpreter) -> {
        Object value = Templar.toJava(interpreter.resolveELExpression(token.getExpr(), token.getLineNumber()));
        // Ansible's finalize: None prints as nothing
        return new RenderedOutputNode(value == null ? "" : PyStrings.str(value));
    };
}
