package dev.playbake.operator.runtime;

import dev.playbake.runtime.FakeContainerRuntime;
import dev.playbake.runtime.ImageSettings;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which debug images a sweep removes: only this operator's, only past the retention. */
class DebugImageSweeperTest {

    private static final OperatorInstance INSTANCE = new OperatorInstance("ops/playbake");

    @Test
    void removesOnlyThisOperatorsDebugImagesOlderThanTheRetention() {
        FakeContainerRuntime runtime = new FakeContainerRuntime()
                .image("r.test/a/app:1-failed", labels(Map.of("playbake.dev/debug-image", "true",
                        OperatorInstance.LABEL, INSTANCE.name())))
                .image("r.test/b/app:1-failed", labels(Map.of("playbake.dev/debug-image", "true",
                        OperatorInstance.LABEL, "other/playbake")))
                .image("r.test/a/app:1", labels(Map.of(OperatorInstance.LABEL, INSTANCE.name())));
        // the fake's images are made in the first seconds of the epoch
        Instant young = Instant.EPOCH.plus(Duration.ofHours(1));
        Instant old = Instant.EPOCH.plus(Duration.ofHours(25));

        assertEquals(0, sweeper(young).sweep(runtime));
        assertEquals(1, sweeper(old).sweep(runtime));

        assertTrue(runtime.inspectImage("r.test/a/app:1-failed").isEmpty());
        assertTrue(runtime.inspectImage("r.test/b/app:1-failed").isPresent(), "another operator's debug image");
        assertTrue(runtime.inspectImage("r.test/a/app:1").isPresent(), "not a debug image");
    }

    private static DebugImageSweeper sweeper(Instant now) {
        return new DebugImageSweeper(Map.of(), INSTANCE, Duration.ofHours(24), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static ImageSettings labels(Map<String, String> labels) {
        return new ImageSettings(List.of(), List.of(), List.of(), "", "", List.of(), List.of(), labels);
    }
}
