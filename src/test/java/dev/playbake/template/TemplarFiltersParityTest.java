package dev.playbake.template;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Filters and tests once unlike ansible-core 2.14's (seeded random, mandatory, expanduser, failure). Expected
 * values come from {@code ANSIBLE_STDOUT_CALLBACK=json ansible-playbook -i localhost, -c local p.yml}, a play of one
 * {@code debug: msg: [...]} task holding the expressions below (inventory_hostname is "localhost").
 */
class TemplarFiltersParityTest {

    private final Templar templar = new Templar(new LookupPlugins(NoFiles.FINDER));

    private final Map<String, Object> values = Map.of("inventory_hostname", "localhost",
            "r_ok", Map.of("failed", false, "changed", false), "r_bad", Map.of("failed", true, "changed", false),
            "d", Map.of("k", 1));

    private final Variables vars = name -> Optional.ofNullable(values.get(name));

    @Test
    void seededRandomIsPythons() {
        assertEquals(80, templar.render("{{ 100 | random(seed='x') }}", vars));
        assertEquals("c", templar.render("{{ ['a','b','c'] | random(seed=inventory_hostname) }}", vars));
        assertEquals(8, templar.render("{{ 10 | random(start=2, step=3, seed=42) }}", vars));
        assertEquals(885440, templar.render("{{ 1000000 | random(seed=0) }}", vars));
        assertEquals(653159, templar.render("{{ 1000000 | random(seed=-5) }}", vars));
        assertEquals("a", templar.render("{{ 'abcdef' | random(seed='héllo') }}", vars));
        assertEquals(52, templar.render("{{ 60 | random(seed='web1') }}", vars));
        assertEquals(-7, templar.render("{{ 0 | random(start=-10, seed=3) }}", vars));
        assertEquals(0, templar.render("{{ 1 | random(seed='a') }}", vars));
        assertEquals(70, templar.render("{{ 100 | random(seed=1.5) }}", vars));
    }

    @Test
    void unseededRandomStaysInRange() {
        for (int i = 0; i < 20; i++) {
            int picked = (Integer) templar.render("{{ 10 | random(start=4, step=2) }}", vars);
            assertTrue(picked >= 4 && picked < 10 && picked % 2 == 0, "picked " + picked);
            assertTrue(List.of("a", "b").contains(templar.render("{{ ['a', 'b'] | random }}", vars)));
        }
        assertThrows(TemplateException.class, () -> templar.render("{{ ['a'] | random(start=1) }}", vars));
    }

    @Test
    void seededShuffleIsPythons() {
        assertEquals(List.of(5, 2, 1, 4, 3), templar.render("{{ [1,2,3,4,5] | shuffle(seed='x') }}", vars));
        assertEquals(List.of(9, 8, 4, 6, 2, 3, 10, 5, 1, 7),
                templar.render("{{ [1,2,3,4,5,6,7,8,9,10] | shuffle(seed=12345) }}", vars));
        assertEquals(3, templar.render("{{ ['x','y','z'] | shuffle(seed=0) | length }}", vars));
    }

    @Test
    void mandatoryFailsWithAnsiblesMessage() {
        assertEquals("v ", templar.render("{{ 'v' | mandatory }} {{ none | mandatory }}", vars));
        // ansible-core 2.14 prints two spaces: its name part already ends with one
        assertTrue(assertThrows(TemplateException.class, () -> templar.render("{{ missing | mandatory }}", vars))
                .getMessage().startsWith("Mandatory variable 'missing'  not defined."));
        assertTrue(assertThrows(TemplateException.class, () -> templar.render("{{ missing.attr | mandatory }}", vars))
                .getMessage().startsWith("Mandatory variable 'missing'  not defined."));
        assertTrue(assertThrows(TemplateException.class, () -> templar.render("{{ d.nokey | mandatory }}", vars))
                .getMessage().startsWith("Mandatory variable 'nokey'  not defined."));
        assertTrue(assertThrows(TemplateException.class,
                () -> templar.render("{{ missing | mandatory('Set missing please') }}", vars))
                .getMessage().startsWith("Set missing please"));
        assertTrue(assertThrows(TemplateException.class, () -> templar.render("{{ missing | mandatory(msg='kw msg') }}", vars))
                .getMessage().startsWith("kw msg"));
    }

    @Test
    void expanduserUsesTheControllersHomes() {
        // Ansible run as root gave: /root/x /root /a/~b /root/y ~nosuchuserzz/y
        String home = System.getenv().getOrDefault("HOME", System.getProperty("user.home"));
        assertEquals(home + "/x", templar.render("{{ '~/x' | expanduser }}", vars));
        assertEquals(home, templar.render("{{ '~' | expanduser }}", vars));
        assertEquals("/a/~b", templar.render("{{ '/a/~b' | expanduser }}", vars));
        assertEquals("/root/y", templar.render("{{ '~root/y' | expanduser }}", vars));
        assertEquals("~nosuchuserzz/y", templar.render("{{ '~nosuchuserzz/y' | expanduser }}", vars));
    }

    @Test
    void failureIsFailed() {
        assertEquals("True False True", templar.render("{{ r_bad is failure }} {{ r_ok is failure }} {{ r_bad is failed }}", vars));
    }
}
