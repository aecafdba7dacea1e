package dev.playbake.template;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whitespace control around expressions and a template's {@code #jinja2:} header, as ansible-core 2.14 renders. */
class TemplateWhitespaceTest {

    private final Templar templar = new Templar(new LookupPlugins(NoFiles.FINDER));

    private final Variables vars = name -> Optional.ofNullable(Map.<String, Object>of("x", 1, "xs", List.of(1, 2),
            "on", true).get(name));

    @Test
    void dashesBesideAnExpressionStripWhitespace() {
        assertEquals("a1c", templar.renderText("a\n  {{- x -}}  \nc", vars));
        assertEquals("1,\n2,\n", templar.renderText("{% for i in xs %}\n  {{- i -}},\n{% endfor %}", vars));
        assertEquals("d 1e", templar.renderText("d {{ x -}}\n e", vars));
    }

    @Test
    void theHeaderLineSetsTrimAndLstripAndIsNotOutput() {
        String body = "  {% if on %}\n  a\n  {% endif %}\nb\n";
        assertEquals("\n  a\n\nb\n", templar.renderText("#jinja2: trim_blocks: False, lstrip_blocks: True\n" + body,
                vars, TemplateSyntax.DEFAULT));
        assertEquals("  a\nb\n", templar.renderText("#jinja2: lstrip_blocks: True\n" + body, vars,
                TemplateSyntax.DEFAULT));
        assertEquals("1 {{ x }}\n", templar.renderText(
                "#jinja2: variable_start_string: '[[', variable_end_string: ']]'\n[[ x ]] {{ x }}\n", vars,
                TemplateSyntax.DEFAULT));
    }

    @Test
    void aHeaderSettingPlaybakeLacksIsRefused() {
        TemplateException e = assertThrows(TemplateException.class, () -> templar.renderText(
                "#jinja2: newline_sequence: '\\r\\n'\n{{ x }}", vars, TemplateSyntax.DEFAULT));
        assertTrue(e.getMessage().contains("'newline_sequence'"), e.getMessage());
    }
}
