package dev.playbake.template;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonQueryFilterTest {

    private static final List<Object> USERS = List.of(
            Map.of("name", "alice", "uid", 1001, "groups", List.of("wheel", "dev")),
            Map.of("name", "bob", "uid", 1002, "groups", List.of("dev")));

    @Test
    void queriesListsOfDictsAsJmesPathDoes() {
        assertEquals(List.of("alice", "bob"), JsonQueryFilter.query(USERS, "[*].name"));
        assertEquals(List.of("alice"), JsonQueryFilter.query(USERS, "[?contains(groups, 'wheel')].name"));
        assertEquals(1002, JsonQueryFilter.query(USERS, "[?name=='bob'].uid | [0]"));
        assertEquals(2, JsonQueryFilter.query(USERS, "length(@)"));
        assertNull(JsonQueryFilter.query(USERS, "nothing"));
    }

    @Test
    void aQueryThatDoesNotParseIsATemplateError() {
        TemplateException e = assertThrows(TemplateException.class, () -> JsonQueryFilter.query(USERS, "[?name=="));
        assertTrue(e.getMessage().startsWith("JMESPathError in json_query filter plugin:"), e.getMessage());
    }
}
