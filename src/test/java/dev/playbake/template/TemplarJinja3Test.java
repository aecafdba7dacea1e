package dev.playbake.template;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jinja2 3 constructs jinjava lacks or renders as Jinja2 2.x: indent's keywords, loop filters, the last newline, #jinja2:. */
class TemplarJinja3Test {

    private final Templar templar = new Templar(new LookupPlugins(NoFiles.FINDER));

    private final Map<String, Object> values = Map.of("nothing", "", "ends", "v\n", "xs", List.of(3, 1, 2),
            "block", "a\n\nb", "users", List.of(Map.of("n", "ann", "on", true), Map.of("n", "bob", "on", false)));

    private final Variables vars = name -> Optional.ofNullable(values.get(name));

    @Test
    void indentLeavesBlankLinesAndTheFirstLineUnlessAsked() {
        assertEquals("a\n\n  b", templar.renderText("{{ block | indent(2) }}", vars));
        assertEquals("  a\n\n  b", templar.renderText("{{ block | indent(2, first=true) }}", vars));
        assertEquals("a\n  \n  b", templar.renderText("{{ block | indent(width=2, blank=true) }}", vars));
        assertEquals("> a\n\n> b", templar.renderText("{{ block | indent('> ', true) }}", vars));
        assertEquals("a\n\n    b", templar.renderText("{{ block | indent }}", vars));
        assertEquals("", templar.renderText("{{ '' | indent(first=true, width=0) }}", vars));
    }

    @Test
    void indentfirstIsGoneAsInJinja2Three() {
        assertTrue(assertThrows(TemplateException.class, () -> templar.renderText("{{ block | indent(indentfirst=true) }}",
                vars)).getMessage().startsWith("do_indent() got an unexpected keyword argument 'indentfirst'"));
    }

    @Test
    void loopFilterCountsOnlyThePassingItems() {
        assertEquals("1/2:3 2/2:2.", templar.renderText(
                "{% for x in xs if x > 1 %}{{ loop.index }}/{{ loop.length }}:{{ x }}{{ ' ' if not loop.last else '.' }}"
                        + "{% endfor %}", vars));
        assertEquals("ann", templar.renderText("{% for u in users if u.on %}{{ u.n }}{% endfor %}", vars));
        assertEquals("none", templar.renderText("{% for x in xs if x > 5 %}{{ x }}{% else %}none{% endfor %}", vars));
        assertEquals("a=1", templar.renderText("{% for k, v in {'a': 1, 'b': 0}.items() if v %}{{ k }}={{ v }}{% endfor %}",
                vars));
        assertEquals("32;31;", templar.renderText(
                "{% for y in [1, 2] %}{% for x in xs if x != y %}{{ x }}{% endfor %};{% endfor %}", vars));
        assertEquals("3 if x", templar.renderText("{% for x in xs if x == 3 %}{{ x }} {{ 'if x' }}{% endfor %}", vars));
        assertEquals("{% for x in xs if x %}", templar.renderText("{% raw %}{% for x in xs if x %}{% endraw %}", vars));
    }

    @Test
    void aJinja2HeaderSetsTheTemplatesOwnSyntax() {
        assertEquals("\nx\n", templar.renderText("#jinja2: lstrip_blocks: True, trim_blocks: False\n  {% if xs %}\nx\n  {% endif %}\n",
                vars, TemplateSyntax.DEFAULT));
        assertEquals("[3, 1, 2] {{ kept }}\n", templar.renderText(
                "#jinja2:variable_start_string:'[%', variable_end_string:'%]'\n[% xs %] {{ kept }}\n", vars, TemplateSyntax.DEFAULT));
        assertTrue(assertThrows(TemplateException.class, () -> templar.renderText("#jinja2: autoescape: True\n{{ xs }}", vars,
                TemplateSyntax.DEFAULT)).getMessage().contains("'autoescape' is not supported"));
    }

    @Test
    void recursiveLoopsAreRefusedWithAMessage() {
        assertTrue(assertThrows(TemplateException.class, () -> templar.renderText(
                "{% for x in xs recursive %}{{ loop(x) }}{% endfor %}", vars)).getMessage().startsWith("recursive loops"));
    }

    @Test
    void theLastLineBreakIsJinjasToDropAndAnsiblesToPutBack() {
        assertEquals("a\n", templar.renderText("a\n{{ nothing }}\n", vars));
        assertEquals("a\nv\n", templar.renderText("a\n{{ ends }}\n", vars));
        assertEquals("a\n\n", templar.renderText("a\n{{ nothing }}\n\n", vars));
        assertEquals("v\n", templar.render("{{ ends }}\n", vars));
        assertEquals("x\n", templar.renderText("x{{ nothing }}\r\n", vars), "Ansible counts only the \\n");
    }
}
