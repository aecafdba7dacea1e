package dev.playbake.template;

import dev.playbake.python.PyNone;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonQueryFilterTest {

    private static final FileFinder NO_FILES = new FileFinder() {
        @Override
        public Optional<Found> find(String kind, String name, Variables vars) {
            return Optional.empty();
        }

        @Override
        public List<String> glob(String kind, String pattern, Variables vars) {
            return List.of();
        }
    };

    private static final List<Object> USERS = List.of(
            Map.of("name", "alice", "uid", 1001, "groups", List.of("wheel", "dev")),
            Map.of("name", "bob", "uid", 1002, "groups", List.of("dev")));

    @Test
    void queriesListsOfDictsAsJmesPathDoes() {
        assertEquals(List.of("alice", "bob"), JsonQueryFilter.query(USERS, "[*].name"));
        assertEquals(List.of("alice"), JsonQueryFilter.query(USERS, "[?contains(groups, 'wheel')].name"));
        assertEquals(1002, JsonQueryFilter.query(USERS, "[?name=='bob'].uid | [0]"));
        assertEquals(2, JsonQueryFilter.query(USERS, "length(@)"));
        assertEquals(PyNone.NONE, JsonQueryFilter.query(USERS, "nothing"));
    }

    @Test
    void aQueryThatDoesNotParseIsATemplateError() {
        TemplateException e = assertThrows(TemplateException.class, () -> JsonQueryFilter.query(USERS, "[?name=="));
        assertTrue(e.getMessage().startsWith("JMESPathError in json_query filter plugin:"), e.getMessage());
    }

    @Test
    void isAFilterOfTemplatesUnderBothItsNames() {
        Templar templar = new Templar(new LookupPlugins(NO_FILES));
        Variables vars = name -> name.equals("users") ? Optional.of(USERS) : Optional.empty();
        assertEquals(List.of("alice", "bob"), templar.render("{{ users | json_query('[*].name') }}", vars));
        assertEquals("alice", templar.render("{{ users | community.general.json_query(\"[?contains(groups, 'wheel')]"
                + ".name\") | first }}", vars));
        assertEquals("x: ", templar.render("x: {{ users | json_query('nothing') }}", vars));
    }
}
