package dev.playbake.operator.runtime;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperatorInstanceTest {

    private final OperatorInstance instance = new OperatorInstance("playbake-system/playbake");

    @Test
    void ownsOnlyItsOwnContainersOfImageBuilds() {
        assertTrue(instance.owns(labels("playbake-system/playbake", "team-a/web")));
        assertTrue(instance.owns(labels("playbake-system/playbake", "default/web.v2")));
        assertFalse(instance.owns(labels("other/playbake", "team-a/web")), "another operator's");
        assertFalse(instance.owns(Map.of("playbake.dev/owner", "team-a/web")), "no operator label");
        assertFalse(instance.owns(labels("playbake-system/playbake", "cli")), "a CLI build");
        assertFalse(instance.owns(labels("playbake-system/playbake", "Team_A/web")), "not a Kubernetes name");
        assertFalse(instance.owns(labels("playbake-system/playbake", "a/b/c")), "not namespace/name");
    }

    @Test
    void refusesAnEmptyName() {
        assertThrows(IllegalArgumentException.class, () -> new OperatorInstance(" "));
    }

    private static Map<String, String> labels(String operator, String owner) {
        return Map.of(OperatorInstance.LABEL, operator, "playbake.dev/owner", owner);
    }
}
