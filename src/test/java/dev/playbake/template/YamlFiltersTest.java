package dev.playbake.template;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** to_yaml and to_nice_yaml with PyYAML's options; expected texts are ansible-core 2.14's (PyYAML 6). */
class YamlFiltersTest {

    private final Templar templar = new Templar(new LookupPlugins(NoFiles.FINDER));

    private static Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("job", "node");
        job.put("targets", List.of("a:9100"));
        config.put("scrape", List.of(job));
        config.put("global", Map.of("interval", "15s"));
        config.put("text", "line one\nline two\n");
        return config;
    }

    private final Variables vars = name -> Optional.ofNullable(Map.<String, Object>of("c", config()).get(name));

    @Test
    void niceYamlTakesIndentAndKeepsKeyOrderWhenAsked() {
        assertEquals("scrape:\n- job: node\n  targets:\n  - a:9100\nglobal:\n  interval: 15s\n"
                        + "text: 'line one\n\n  line two\n\n  '\n",
                templar.renderText("{{ c | to_nice_yaml(indent=2, sort_keys=False) }}", vars));
        assertEquals("global:\n    interval: 15s\nscrape:\n-   job: node\n    targets:\n    - a:9100\n",
                templar.renderText("{{ {'global': c.global, 'scrape': c.scrape} | to_nice_yaml }}", vars));
    }

    @Test
    void explicitStartAndWidthAsPyYaml() {
        String words = "x ".repeat(40);
        assertEquals("---\na: 'x x x x x x x x x x x x x x x x x x x x x x x x\n    x x x x x x x x x x x x x x x x '\n",
                templar.renderText("{{ {'a': w} | to_nice_yaml(width=50, explicit_start=True) }}",
                        name -> Optional.ofNullable(Map.<String, Object>of("w", words).get(name))));
    }

    @Test
    void toYamlIsFlowForScalarCollectionsAndFoldsAtEighty() {
        assertEquals("- job: node\n  targets: ['a:9100']\n", templar.renderText("{{ c.scrape | to_yaml }}", vars));
        Variables words = name -> Optional.ofNullable(Map.<String, Object>of("w", "y ".repeat(50)).get(name));
        assertEquals("['" + "y ".repeat(40).strip() + "\n    " + "y ".repeat(10) + "']\n",
                templar.renderText("{{ [w] | to_yaml }}", words));
    }

    @Test
    void anOptionPyYamlLacksIsRefused() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> templar.renderText("{{ c | to_nice_yaml(colour=True) }}", vars));
        assertTrue(e.getMessage().contains("'colour'"), e.getMessage());
    }
}
