package dev.playbake.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Through JSON, as a snapshot's label carries it. */
    private static HostState throughLabel(HostState state) throws Exception {
        return HostState.restore(JSON.readValue(JSON.writeValueAsString(state.export()), new TypeReference<>() { }));
    }

    @Test
    void aSnapshotKeepsTheFactsAndWhichPlayGatheredThem() throws Exception {
        HostState state = new HostState();
        state.gathered(Map.of("user_shell", "/bin/bash", "mounts", java.util.List.of(Map.of("mount", "/"))));
        state.gatheredAtStartOf(1);

        HostState restored = throughLabel(state);

        assertEquals(state.facts(), restored.facts());
        assertTrue(restored.gatheredAtStartOfPlay(1));
        assertFalse(restored.gatheredAtStartOfPlay(0), "another play gathers its own");
    }

    @Test
    void aSnapshotOfAnOlderVersionHasNoFactsSoThePlayGathersThem() {
        HostState restored = HostState.restore(Map.of("hostVars", Map.of("x", 1)));

        assertTrue(restored.facts().isEmpty());
        assertFalse(restored.gatheredAtStartOfPlay(0));
        assertEquals(1, restored.hostVars().get("x"));
    }
}
