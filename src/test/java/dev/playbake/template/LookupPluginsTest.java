package dev.playbake.template;

import dev.playbake.python.PyTuple;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lookups whose logic is playbake's own, checked against what Ansible 2.14's plugins return. */
class LookupPluginsTest {

    private final LookupPlugins lookups = new LookupPlugins(NoFiles.FINDER);
    private final Templar templar = new Templar(lookups);

    /** Variables in a given order, as a task's scope lists them. */
    private static Variables ordered(Map<String, Object> values) {
        return new Variables() {
            @Override
            public Optional<Object> raw(String name) {
                return Optional.ofNullable(values.get(name));
            }

            @Override
            public Set<String> names() {
                return new LinkedHashSet<>(values.keySet());
            }
        };
    }

    private List<Object> query(String name, Object... terms) {
        return lookups.query(name, List.of(terms), templar, ordered(Map.of()));
    }

    @Test
    void subelementsSkipsSkippedItemsAndPopsTheListFromEachPair() {
        Map<String, Object> ran = new LinkedHashMap<>(Map.of("item", "a", "lines", List.of("x", "y")));
        Map<String, Object> skipped = Map.of("item", "b", "skipped", true, "lines", List.of("z"));
        Map<String, Object> notSkipped = Map.of("item", "c", "skipped", false, "lines", List.of("w"));
        List<Object> pairs = query("subelements", List.of(ran, skipped, notSkipped), "lines");
        assertEquals(List.of(List.of(Map.of("item", "a"), "x"), List.of(Map.of("item", "a"), "y"),
                List.of(Map.of("item", "c", "skipped", false), "w")), pairs);
        assertInstanceOf(PyTuple.class, pairs.get(0));
        assertEquals(List.of("x", "y"), ran.get("lines"), "the variable itself keeps its list");
        assertEquals(List.of(), query("subelements", Map.of("skipped", true, "results", List.of()), "lines"));
    }

    @Test
    void subelementsFollowsADottedKeyAndSkipsMissingOnlyWhenAsked() {
        Map<String, Object> user = Map.of("name", "ann", "ssh", Map.of("keys", List.of("k1"), "type", "rsa"));
        assertEquals(List.of(List.of(Map.of("name", "ann", "ssh", Map.of("type", "rsa")), "k1")),
                query("subelements", List.of(user), "ssh.keys"));
        List<Object> users = List.of(Map.of("name", "bob"));
        assertEquals(List.of(), query("subelements", users, "ssh.keys", Map.of("skip_missing", true)));
        TemplateException missing = assertThrows(TemplateException.class, () -> query("subelements", users, "ssh.keys"));
        assertTrue(missing.getMessage().startsWith("could not find 'ssh' key in iterated item"), missing.getMessage());
        assertThrows(TemplateException.class, () -> query("subelements", List.of(Map.of("k", "text")), "k"));
    }

    @Test
    void varnamesSearchesEveryNameInTheVariablesOrder() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("users_web", 1);
        values.put("other", 2);
        values.put("app_users_db", 3);
        values.put("users_admin", 4);
        Variables vars = ordered(values);
        assertEquals(List.of("users_web", "users_admin"), lookups.query("varnames", List.of("^users_"), templar, vars));
        assertEquals(List.of("users_web", "app_users_db", "users_admin"),
                lookups.query("varnames", List.of("users_"), templar, vars));
        assertEquals("users_web,users_admin", templar.render("{{ lookup('varnames', '^users_.+') }}", vars));
        assertEquals(List.of("other", "users_web", "users_admin"),
                templar.render("{{ query('varnames', '^o', '^users') }}", vars));
        assertThrows(TemplateException.class, () -> lookups.query("varnames", List.of(1), templar, vars));
    }

    @Test
    void collectionQualifiedNamesAreTheLookupsTheyNameInAnsible() {
        assertEquals(List.of(1, 2, 3), query("community.general.flattened", List.of(1, List.of(2, List.of(3)))));
        assertEquals(List.of(1, 2), query("flattened", 1, 2, "None", 3));
        assertEquals(List.of("a", "b"), query("ansible.builtin.items", List.of("a", "b")));
        assertThrows(TemplateException.class, () -> query("community.general.items", List.of("a")));
    }
}
