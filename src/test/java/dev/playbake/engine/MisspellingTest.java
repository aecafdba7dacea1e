package dev.playbake.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MisspellingTest {

    @Test
    void aSwapOfNeighboursIsOneTypo() {
        assertEquals(1, Misspelling.editDistance("prnue", "prune"));
        assertEquals(Optional.of("prune"), Misspelling.closest("prnue", List.of("ls", "prune")));
        assertEquals(Optional.of("copy"), Misspelling.closest("cpoy", List.of("command", "copy", "template")));
    }

    @Test
    void aWordWithAThirdOfItsLettersWrongIsAnotherWord() {
        assertEquals(2, Misspelling.editDistance("logs", "ls"));
        assertEquals(Optional.empty(), Misspelling.closest("logs", List.of("build", "cache", "operator")));
        assertEquals(Optional.of("build"), Misspelling.closest("biuld", List.of("build", "cache", "operator")));
    }
}
