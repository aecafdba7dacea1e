package dev.playbake.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The chart's values.schema.json closes every object whose keys it lists, so that a misspelt key anywhere
 * (image.tagg) fails helm install instead of being ignored; HelmChartIT checks helm's messages.
 */
class ChartValuesSchemaTest {

    @Test
    void everyObjectWithListedPropertiesRefusesOthers() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(Path.of("helm/playbake/values.schema.json").toFile());
        List<String> open = new ArrayList<>();
        collectOpen(schema, "", open);
        assertEquals(List.of(), open, "objects with properties but no additionalProperties");
    }

    /** Adds the JSON pointer of each schema below {@code node} that has properties but no additionalProperties. */
    private static void collectOpen(JsonNode node, String pointer, List<String> open) {
        if (node.has("properties") && !node.has("additionalProperties")) {
            open.add(pointer.isEmpty() ? "/" : pointer);
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> collectOpen(e.getValue(), pointer + "/" + e.getKey(), open));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectOpen(node.get(i), pointer + "/" + i, open);
            }
        }
    }
}
