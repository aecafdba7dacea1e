package dev.playbake.operator;

import dev.playbake.docker.DockerHost;
import dev.playbake.imagebuild.cache.Labels;
import dev.playbake.operator.runtime.DebugImageSweeper;
import dev.playbake.operator.runtime.OperatorInstance;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The debug-image sweep on the real Docker engine: past the retention it removes this operator's debug images,
 * tags and all, and leaves another operator's and a younger one's alone.
 */
class DebugImageSweeperIT {

    private static final String DOCKER = "/usr/bin/docker";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final OperatorInstance instance = new OperatorInstance("it-sweep-" + run);
    private final List<String> made = new ArrayList<>();

    @AfterEach
    void removeImages() {
        made.forEach(tag -> Commands.run(List.of(DOCKER, "rmi", "-f", tag), Duration.ofMinutes(1)));
    }

    @Test
    void removesThisOperatorsDebugImagesPastTheRetentionOnly() {
        String mine = debugImage("mine", instance.name());
        String others = debugImage("others", instance.name() + "-other");
        Duration retention = Duration.ofHours(24);
        try (DockerHost docker = DockerHost.connect(TestEnvironment.get().dockerHost())) {
            assertEquals(0, sweeper(retention, Instant.now()).sweep(docker), "a young debug image stays");
            assertTrue(docker.inspectImage(mine).isPresent());

            assertEquals(1, sweeper(retention, Instant.now().plus(Duration.ofHours(25))).sweep(docker));

            assertFalse(docker.inspectImage(mine).isPresent(), "past the retention it is gone");
            assertTrue(docker.inspectImage(others).isPresent(), "another operator's debug image stays");
        }
    }

    private DebugImageSweeper sweeper(Duration retention, Instant now) {
        return new DebugImageSweeper(Map.of(), instance, retention, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** A debug image as a failed build leaves it: a commit labelled with the debug label and an operator's name. */
    private String debugImage(String name, String operator) {
        String tag = "playbake-it/sweep-" + run + ":" + name + "-failed";
        String container = Commands.ok(List.of(DOCKER, "create", TestEnvironment.get().busyboxImage(), "true")).strip();
        try {
            Commands.ok(List.of(DOCKER, "commit", "--change", "LABEL " + Labels.DEBUG_IMAGE + "=true "
                    + OperatorInstance.LABEL + "=" + operator, container, tag));
        } finally {
            Commands.run(List.of(DOCKER, "rm", "-f", container), Duration.ofMinutes(1));
        }
        made.add(tag);
        return tag;
    }
}
