package dev.playbake.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DurationsTest {

    @Test
    void parsesAndFormatsSpecDurations() {
        assertEquals(Optional.of(Duration.ofMinutes(90)), Durations.parse("1h30m"));
        assertEquals(Optional.of(Duration.ofMillis(1500)), Durations.parse("1s500ms"));
        assertEquals(Optional.empty(), Durations.parse("30"));
        assertEquals(Optional.empty(), Durations.parse("-5s"));
        assertEquals("1h30m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("45s", Durations.format(Duration.ofSeconds(45)));
        assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
    }
}
