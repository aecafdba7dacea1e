package dev.playbake.template;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jinja2's expression grammar where jinjava's differs; expected values are ansible-core 2.14's. */
class TemplarGrammarTest {

    private final Templar templar = new Templar(new LookupPlugins(NoFiles.FINDER));

    private final Variables vars = name -> Optional.ofNullable(Map.<String, Object>of(
            "os", "Linux", "v", "v1.2", "d", Map.of("a", "x", "b", ""), "flag", false, "x", 1,
            "xs", List.of("a", "b")).get(name));

    @Test
    void aTestAppliesToTheWholeFilterChain() {
        assertEquals("a", templar.render("{{ (os | lower is not search('bsd')) | ternary('a', 'b') }}", vars));
        assertEquals(true, templar.render("{{ v | regex_replace('^v', '') is version('1.3', operator='!=') }}", vars));
        assertEquals(true, templar.render("{{ d.values() | map('length') | select('gt', 0) | list is any }}", vars));
        assertEquals(true, templar.render("{{ missing | default('a') is string }}", vars));
        assertTrue(templar.condition("os | lower is search('linux')", vars));
    }

    @Test
    void percentFormatsAStringAsPython() {
        assertEquals("port 1", templar.render("{{ 'port %s' % x }}", vars));
        assertEquals("Linux:001", templar.render("{{ '%s:%03d' % (os, x) }}", vars));
        assertEquals("x=x", templar.render("{{ '%(a)s=%(a)s' % d }}", vars));
        assertEquals(1L, ((Number) templar.render("{{ 7 % 3 }}", vars)).longValue());
    }

    @Test
    void aFilterAfterATestFiltersItsResult() {
        assertEquals("True", templar.render("{{ x is defined | string }}", vars));
        assertEquals(false, templar.render("{{ xs | length is divisibleby 3 }}", vars));
    }

    @Test
    void notBindsLooserThanTestsAndComparisons() {
        assertEquals(false, templar.render("{{ not x is defined }}", vars));
        assertEquals(true, templar.render("{{ not x == 2 }}", vars));
        assertFalse(templar.condition("not 'a' in xs", vars));
        assertTrue(templar.condition("not missing is defined", vars));
    }

    @Test
    void collectionQualifiedNamesResolveToAnsiblesOwnPlugins() {
        assertEquals("a", templar.render("{{ [1] | ansible.builtin.ternary('a', 'b') }}", vars));
        assertEquals(Map.of("a", 1, "b", 2), templar.render("{{ {'a': 1} | ansible.builtin.combine({'b': 2}) }}", vars));
        assertEquals("h", templar.render("{{ 'https://h:8/p' | ansible.legacy.urlsplit('hostname') }}", vars));
        assertEquals(true, templar.render("{{ '1.2' is ansible.builtin.version('1.1', '>') }}", vars));
    }

    @Test
    void anUnknownOrJinjaBuiltinQualifiedNameIsRefusedByName() {
        TemplateException builtin = assertThrows(TemplateException.class,
                () -> templar.render("{{ 'a' | ansible.builtin.upper }}", vars));
        assertTrue(builtin.getMessage().startsWith("Could not load \"ansible.builtin.upper\""), builtin.getMessage());
        TemplateException utils = assertThrows(TemplateException.class,
                () -> templar.render("{{ xs | ansible.utils.cidr_merge }}", vars));
        assertTrue(utils.getMessage().startsWith("Could not load \"ansible.utils.cidr_merge\""), utils.getMessage());
        TemplateException test = assertThrows(TemplateException.class, () -> templar.render("{{ x is nosuch }}", vars));
        assertTrue(test.getMessage().startsWith("Could not load \"nosuch\": playbake has no test"), test.getMessage());
    }

    @Test
    void anInlineIfWithoutElseRendersEmpty() {
        assertEquals("[]", templar.renderText("[{{ 'on' if flag }}]", vars));
        assertEquals("a,b", templar.renderText("{% for i in xs %}{{ i }}{{ ',' if not loop.last }}{% endfor %}", vars));
        assertEquals("[]", templar.renderText("[{{ 'a' if flag else 'b' if flag }}]", vars));
        assertEquals("on", templar.render("{{ 'on' if not flag }}", vars));
    }
}
