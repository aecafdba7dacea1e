package dev.playbake.template;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Behaviours found by the differential corpus, where jinjava differed from Ansible's Jinja2. */
class TemplarAnsibleParityTest {

    private final Templar templar = new Templar(new LookupPlugins(NoFiles.FINDER));

    private final Map<String, Object> values = Map.of("x", 1, "item", List.of("a", List.of("b", "c")),
            "pairs", List.of(Map.of("k", "v")));

    private final Variables vars = name -> Optional.ofNullable(values.get(name));

    @Test
    void trailingNewlinesOfTheSourceAreKept() {
        assertEquals("1\n", templar.render("{{ x }}\n", vars));
        assertEquals("1\n\n", templar.renderText("{{ x }}\n\n", vars));
        assertEquals("1", templar.renderText("{{ x }}", vars));
    }

    @Test
    void numericAttributesIndexLists() {
        assertEquals("a-b", templar.render("{{ item.0 }}-{{ item.1.0 }}", vars));
        assertEquals("v", templar.render("{{ pairs.0.k }}", vars));
        assertEquals(true, templar.condition("item.1.1 == 'c'", vars));
        assertEquals("a", templar.renderText("{% for i in [item.0] %}{{ i }}{% endfor %}", vars));
    }

    @Test
    void numbersAndQuotedTextAreLeftAlone() {
        assertEquals(2.5, templar.render("{{ x + 1.5 }}", vars));
        assertEquals("v1.2 1.0", templar.render("{{ 'v1.2' }} 1.0", vars));
        assertEquals("item.0", NumericAttributes.inTemplate("item.0"));
        assertEquals("{{ x1.5e }}", NumericAttributes.inTemplate("{{ x1.5e }}"));
    }

    @Test
    void noneAtTheTopOfAnOutputPrintsNothing() {
        assertEquals("[] [None]", templar.renderText("[{{ None }}] {{ [None] }}", vars));
    }

    @Test
    void textThatReadsAsALiteralBecomesOne() {
        assertEquals(List.of("a", List.of("b", "c")), templar.render("{{ item }}\n", vars));
        assertEquals(Map.of("k", 1, "n", List.of(true)), templar.render("{'k': {{ x }}, 'n': [True]}", vars));
        assertEquals(true, templar.render("{{ 'Tr' }}ue", vars));
        assertEquals("[not, a literal", templar.render("[not, {{ 'a literal' }}", vars));
    }

    @Test
    void yamlFiltersSortKeysAsPyYamlDoes() {
        Variables withMap = name -> name.equals("m") ? Optional.of(Map.of("b", 2, "a", Map.of("d", 1, "c", 0)))
                : Optional.empty();
        assertEquals("a:\n    c: 0\n    d: 1\nb: 2\n", templar.renderText("{{ m | to_nice_yaml }}", withMap));
    }
}
