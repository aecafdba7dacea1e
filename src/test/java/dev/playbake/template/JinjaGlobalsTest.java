package dev.playbake.template;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Jinja2's dict() global, as roles call it. */
class JinjaGlobalsTest {

    private final Templar templar = new Templar(new LookupPlugins(NoFiles.FINDER));

    private final Variables vars = name -> Optional.ofNullable(Map.<String, Object>of(
            "lines", List.of("a 1", "b 2")).get(name));

    @Test
    void dictOfKeywordsPairsAndMappings() {
        assertEquals("{'files': ['a'], 'skip': True}", templar.renderText("{{ dict(files=['a'], skip=true) }}", vars));
        assertEquals(Map.of("a", "1", "b", "2"), templar.render("{{ dict(lines | map('split') | list) }}", vars));
        assertEquals(Map.of("x", 1, "y", 2), templar.render("{{ dict({'x': 1}, y=2) }}", vars));
    }

    @Test
    void anElementThatIsNoPairIsRefused() {
        assertThrows(TemplateException.class, () -> templar.render("{{ dict([1, 2]) }}", vars));
    }
}
