package dev.playbake.compat;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusComparisonTest {

    @Test
    void equalListsAgree() {
        List<TaskLine> tasks = List.of(new TaskLine("a", "changed"), new TaskLine("b", "ok"));
        assertEquals(List.of(), StatusComparison.differences(tasks, List.copyOf(tasks)));
    }

    @Test
    void factGatheringOnOneSideOnlyIsIgnored() {
        List<TaskLine> ansible = List.of(new TaskLine("Gathering Facts", "ok"), new TaskLine("a", "ok"));
        assertEquals(List.of(), StatusComparison.differences(ansible, List.of(new TaskLine("a", "ok"))));
    }

    @Test
    void marksTheFirstDifferenceInATable() {
        List<String> table = StatusComparison.differences(
                List.of(new TaskLine("a", "ok"), new TaskLine("b", "changed")),
                List.of(new TaskLine("a", "ok"), new TaskLine("b", "ok"), new TaskLine("c", "ok")));
        assertEquals(4, table.size());
        assertTrue(table.get(2).startsWith(">> changed  b"), table.get(2));
        assertTrue(table.get(3).startsWith("   -"), table.get(3));
    }
}
