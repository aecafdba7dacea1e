package dev.playbake.python;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {

    @Test
    void writesAsPythonsJsonDumps() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", List.of(1, 2));
        value.put("b", Arrays.asList(true, null, 1.5));
        value.put("c", "é \"q\"\n");
        assertEquals("{\"a\": [1, 2], \"b\": [true, null, 1.5], \"c\": \"\\u00e9 \\\"q\\\"\\n\"}", Json.write(value));
    }
}
