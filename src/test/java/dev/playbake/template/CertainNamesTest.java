package dev.playbake.template;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CertainNamesTest {

    @Test
    void namesFiltersThatUseTheirInputComparisonsAndConcatenationAreRead() {
        assertEquals(List.of("app_port"), CertainNames.inText("port={{ app_port }}\n"));
        assertEquals(List.of("web", "ports"), CertainNames.inText("{{ web.host }}:{{ ports[0] | int }}"));
        assertEquals(List.of("a", "b"), CertainNames.inText("{{ a['x'].y | lower | replace('(', ')') ~ b }}"));
        assertEquals(List.of("version"), CertainNames.inExpression("version != '1' "));
        assertEquals(List.of("enabled"), CertainNames.inExpression("not enabled | bool"));
        assertEquals(List.of("count"), CertainNames.inExpression("3 < count"));
        assertEquals(List.of("x"), CertainNames.inExpression("{{ x }}"));
        assertEquals(List.of(), CertainNames.inText("{{ 'literal' | upper }} {{ True }}"));
    }

    @Test
    void whatMayTolerateAnUndefinedNameGivesNone() {
        for (String text : List.of("{{ x | default('a') }}", "{{ x | d }}", "{{ x | mandatory }}",
                "{{ x if y else z }}", "{{ lookup('env', 'HOME') }}", "{{ x is defined }}", "{{ a and b }}",
                "{{ a or b }}", "{{ 'a' in b }}", "{{ a + 1 }}", "{% if a %}{{ b }}{% endif %}", "{# a #}{{ b }}",
                "{{ hostvars[inventory_hostname].x }}", "{{ x | unknown_filter }}", "{{ '}}' }}", "{{ [a] }}",
                "{{ {'k': a} }}", "{{ a.b() }}", "{{ x }} {{ y | default(1) }}")) {
            assertEquals(List.of(), CertainNames.inText(text), text);
        }
        for (String condition : List.of("x is defined and x", "x in ['a']", "x | default(false)", "x == 1 or y")) {
            assertEquals(List.of(), CertainNames.inExpression(condition), condition);
        }
    }
}
