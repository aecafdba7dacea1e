package dev.playbake.compat;

import java.util.ArrayList;
import java.util.List;

/** Compares the task lists both sides reported, in order. */
final class StatusComparison {

    static final String FACTS = "Gathering Facts";

    private StatusComparison() {
    }

    /**
     * Empty when both lists agree (ignoring fact gathering when only one side reports it);
     * otherwise a side-by-side table of both lists with the first difference marked.
     */
    static List<String> differences(List<TaskLine> ansible, List<TaskLine> playbake) {
        List<TaskLine> left = ansible;
        List<TaskLine> right = playbake;
        if (hasFacts(left) != hasFacts(right)) {
            left = withoutFacts(left);
            right = withoutFacts(right);
        }
        if (left.equals(right)) {
            return List.of();
        }
        List<String> table = new ArrayList<>();
        table.add(String.format("   %-50s | %s", "ansible", "playbake"));
        boolean marked = false;
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            String l = i < left.size() ? left.get(i).toString() : "-";
            String r = i < right.size() ? right.get(i).toString() : "-";
            boolean differs = !l.equals(r);
            table.add(String.format("%s %-50s | %s", differs && !marked ? ">>" : "  ", l, r));
            marked |= differs;
        }
        return table;
    }

    private static boolean hasFacts(List<TaskLine> tasks) {
        return tasks.stream().anyMatch(t -> t.name().equals(FACTS));
    }

    private static List<TaskLine> withoutFacts(List<TaskLine> tasks) {
        return tasks.stream().filter(t -> !t.name().equals(FACTS)).toList();
    }
}
