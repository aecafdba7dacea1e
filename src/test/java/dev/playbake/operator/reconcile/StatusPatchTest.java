package dev.playbake.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.api.v1alpha1.TaskStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonPatch;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusPatchTest {

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    @Test
    void aNewTaskIsOneAddAndACounterReplaceNotTheWholeList() {
        ImageBuildStatus before = running(30);
        ImageBuildStatus after = running(31);

        ArrayNode ops = StatusPatch.operations(serialization, Optional.of(before), after, "17");

        String whole = serialization.asJson(after);
        assertTrue(ops.toString().length() * 5 < whole.length(), ops + " against " + whole.length() + " bytes");
        assertTrue(ops.toString().contains("\"path\":\"/status/tasks/30\""), ops.toString());
        assertTrue(Json.same(after, applied(before, ops)), "the patch turns the old status into the new one");
    }

    @Test
    void theFirstOperationSetsTheVersionTheDiffWasMadeAgainst() {
        ArrayNode ops = StatusPatch.operations(serialization, Optional.of(running(1)), running(2), "4711");

        JsonNode first = ops.get(0);
        assertEquals("replace", first.get("op").asText());
        assertEquals("/metadata/resourceVersion", first.get("path").asText());
        assertEquals("4711", first.get("value").asText());
    }

    @Test
    void aResourceWithoutStatusGetsItWhole() {
        ImageBuildStatus after = running(2);

        ArrayNode ops = StatusPatch.operations(serialization, Optional.empty(), after, "1");

        assertEquals(2, ops.size(), ops.toString());
        assertEquals("add", ops.get(1).get("op").asText());
        assertEquals("/status", ops.get(1).get("path").asText());
    }

    @Test
    void aFieldThatIsGoneIsRemovedWithoutItsOldValue() {
        ImageBuildStatus before = running(3);
        before.buildHost = "a-long-host-name-that-would-be-sent-back-if-removes-carried-values";
        ImageBuildStatus after = running(3);

        ArrayNode ops = StatusPatch.operations(serialization, Optional.of(before), after, "1");

        assertEquals(1, StreamSupport.stream(ops.spliterator(), false)
                .filter(op -> op.get("op").asText().equals("remove")).count(), ops.toString());
        assertTrue(!ops.toString().contains("a-long-host-name"), ops.toString());
        assertTrue(Json.same(after, applied(before, ops)));
    }

    private ImageBuildStatus applied(ImageBuildStatus before, ArrayNode ops) {
        JsonNode document = serialization.convertValue(Map.of("status", before,
                "metadata", Map.of("resourceVersion", "0")), JsonNode.class);
        JsonNode patched = JsonPatch.apply(ops, document);
        return serialization.convertValue(patched.get("status"), ImageBuildStatus.class);
    }

    private static ImageBuildStatus running(int tasks) {
        ImageBuildStatus status = new ImageBuildStatus();
        status.phase = Phase.BUILDING;
        status.buildId = "web-0a1b2c3d";
        status.buildCounter = 3L;
        for (int i = 0; i < tasks; i++) {
            TaskStatus task = new TaskStatus();
            task.name = "install the packages of step " + i;
            task.status = "changed";
            status.tasks.add(task);
        }
        return status;
    }
}
