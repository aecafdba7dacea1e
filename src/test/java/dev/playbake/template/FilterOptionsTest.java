package dev.playbake.template;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Filter options and operators whose results ansible-core 2.14 (passlib, Python's uuid and str) defines exactly. */
class FilterOptionsTest {

    private final Templar templar = new Templar(new LookupPlugins(NoFiles.FINDER));

    private final Variables vars = name -> Optional.ofNullable(Map.<String, Object>of("on", true,
            "xs", List.of(1, "a")).get(name));

    @Test
    void passwordHashRoundsAsPasslibWritesThem() {
        assertEquals("$6$saltsalt$TVLlQcbpFVof5W3Yz4DTP6gRstiNuHwwTt6GLc1E5n0U0aDehy0S5knV8wiOQSpT0Y77vwPZN.Pq.H91p5hVO1",
                templar.render("{{ 'secret' | password_hash('sha512', 'saltsalt', rounds=5000) }}", vars));
        assertEquals("$6$rounds=10000$saltsalt$WowrPBpEDVlCoruBosYlrZycTCx3//TyDHYqEhX9DUHHt0XTztUqzQDDUuvUGRA8aUe9p55hcAx"
                        + "eGcu58sm3u.",
                templar.render("{{ 'secret' | password_hash('sha512', 'saltsalt', rounds=10000) }}", vars));
    }

    @Test
    void toUuidIsUuid5InAnsiblesNamespace() {
        assertEquals("66b2f013-1baa-5313-9c8c-e6f1182e0e90", templar.render("{{ 'x' | to_uuid }}", vars));
        assertEquals("05b16a01-46c6-56dd-bd6e-c6dfb4a1427a",
                templar.render("{{ 'x' | to_uuid(namespace='6ba7b810-9dad-11d1-80b4-00c04fd430c8') }}", vars));
    }

    @Test
    void concatenationPrintsLikePythonStr() {
        assertEquals("x1True", templar.render("{{ 'x' ~ 1 ~ on }}", vars));
        assertEquals("[1, 'a']None", templar.render("{{ xs ~ None }}", vars));
    }

    @Test
    void commentStylesAndOptionsAsAnsibleComposesThem() {
        assertEquals(";\n; Managed\n;", templar.render("{{ 'Managed' | comment(decoration='; ') }}", vars));
        assertEquals("# Managed\n", templar.render("{{ 'Managed' | comment(prefix='', postfix='') }}", vars));
        assertEquals("/*\n *\n * a\n *\n */", templar.render("{{ 'a' | comment('cblock') }}", vars));
        assertEquals("BEGIN\n>>\n>> a\n>>\nEND",
                templar.render("{{ 'a' | comment(beginning='BEGIN', end='END', decoration='>> ') }}", vars));
    }
}
