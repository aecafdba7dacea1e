package dev.playbake.operator;

import dev.playbake.api.Durations;
import dev.playbake.secrets.Redactor;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DurationsAndRedactorTest {

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

    @Test
    void masksSecretValuesLongestFirstAndLeavesShortOnes() {
        Redactor redactor = Redactor.of(List.of("hunter2", "hunter2-extended", "ab"));
        assertEquals("pw=******** and ********, ab stays",
                redactor.redact("pw=hunter2-extended and hunter2, ab stays"));
    }
}
