package dev.playbake.template;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lookup()/query() keyword arguments as Ansible 2.14's Templar._lookup reads them. */
class LookupKeywordsTest {

    private final Templar templar = new Templar(new LookupPlugins(NoFiles.FINDER));

    private final Variables vars = name -> Optional.ofNullable(Map.<String, Object>of("known", "k").get(name));

    @Test
    void errorsIgnoreGivesNothingInsteadOfFailing() {
        assertEquals("|", templar.renderText("{{ lookup('first_found', ['nope'], errors='ignore') }}|", vars));
        assertEquals(List.of(), templar.render("{{ lookup('first_found', ['nope'], errors='warn', wantlist=True) }}", vars));
        TemplateException strict = assertThrows(TemplateException.class,
                () -> templar.render("{{ lookup('first_found', ['nope']) }}", vars));
        assertTrue(strict.getMessage().startsWith("first_found: none of [nope] was found"), strict.getMessage());
    }

    @Test
    void anUnsupportedPluginFailsWhateverErrorsSays() {
        assertThrows(TemplateException.class, () -> templar.render("{{ lookup('pipe', 'date', errors='ignore') }}", vars));
    }

    @Test
    void wantlistAndPluginOptions() {
        assertEquals(List.of(), templar.render("{{ lookup('fileglob', '/nonexistent/*', wantlist=True) }}", vars));
        assertEquals("d", templar.render("{{ lookup('vars', 'nope', default='d') }}", vars));
        assertEquals("k", templar.render("{{ lookup('vars', 'known', default='d') }}", vars));
        assertEquals("dd", templar.render("{{ lookup('env', 'PLAYBAKE_NO_SUCH_VARIABLE', default='dd') }}", vars));
        assertEquals(List.of(), templar.render("{{ lookup('first_found', ['nope'], skip=True) }}", vars));
        assertEquals(List.of(), templar.render("{{ query('first_found', {'files': ['nope'], 'skip': True}) }}", vars));
    }
}
