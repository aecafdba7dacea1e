package dev.playbake.secrets;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RedactorTest {

    @Test
    void masksSecretValuesLongestFirstAndLeavesShortOnes() {
        Redactor redactor = Redactor.of(List.of("hunter2", "hunter2-extended", "ab"));
        assertEquals("pw=******** and ********, ab stays",
                redactor.redact("pw=hunter2-extended and hunter2, ab stays"));
    }
}
