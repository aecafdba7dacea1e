package dev.playbake.engine;

import dev.playbake.playbook.Task;
import dev.playbake.template.CertainNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds, before a build starts, variables that a task certainly reads and that nothing defines
 * ({@link DefinedNames}): in its arguments (Ansible renders them all before the action runs), its loop and its
 * {@code when}. Only what {@link CertainNames} reads completely counts, and a use where the task may not run is a
 * warning: a false alarm would stop a playbook that works.
 */
final class UndefinedCheck {

    /** Actions whose arguments are rendered when they include, or never. */
    private static final Set<String> UNRENDERED = Set.of("include_tasks", "include", "include_role", "import_tasks",
            "import_role", "import_playbook", "meta");

    private final DefinedNames defined;
    private final List<Problem> problems = new ArrayList<>();

    private UndefinedCheck(DefinedNames defined) {
        this.defined = defined;
    }

    static List<Problem> problems(List<CertainTasks.Visit> visits, DefinedNames defined) {
        UndefinedCheck check = new UndefinedCheck(defined);
        visits.forEach(check::task);
        return List.copyOf(check.problems);
    }

    private void task(CertainTasks.Visit visit) {
        Task task = visit.task();
        if (!UNRENDERED.contains(task.action())) {
            task.args().forEach((name, value) -> strings(value).forEach(text ->
                    report(task, CertainNames.inText(text), "argument '" + name + "'", visit.certain())));
        }
        boolean noLoop = task.options().loop().isEmpty();
        task.options().loop().filter(loop -> task.options().loopKind().equals("loop")
                        || task.options().loopKind().equals("with_items") || task.options().loopKind().equals("with_list"))
                .filter(String.class::isInstance)
                .ifPresent(loop -> report(task, CertainNames.inText((String) loop), task.options().loopKind(),
                        visit.reached() && task.options().when().isEmpty()));
        // conditions are evaluated in order until one is false: the names of one are read only when those
        // before it were read in full and held
        List<Object> conditions = task.options().when();
        for (int i = 0; i < conditions.size(); i++) {
            if (!(conditions.get(i) instanceof String condition)) {
                break;
            }
            List<String> names = CertainNames.inExpression(condition);
            if (names.isEmpty()) {
                break;
            }
            report(task, names, "when", i == 0 && noLoop && visit.reached());
        }
    }

    private void report(Task task, List<String> names, String where, boolean certain) {
        for (String name : names) {
            if (!defined.mayDefine(name) && (certain || !defined.guarded(name))) {
                problems.add(new Problem(task, "'" + name + "' is undefined (in " + where + "): no vars, defaults,"
                        + " vars file, set_fact, register, loop or extra var defines it"
                        + defined.closest(name).map(closest -> "; did you mean '" + closest + "'?").orElse(""),
                        certain));
            }
        }
    }

    /** Every string in a value, keys of nested mappings included (Ansible renders those too). */
    private static List<String> strings(Object value) {
        List<String> strings = new ArrayList<>();
        collect(value, strings);
        return strings;
    }

    private static void collect(Object value, List<String> strings) {
        if (value instanceof String text) {
            strings.add(text);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> {
                collect(key, strings);
                collect(inner, strings);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collect(item, strings));
        }
    }
}
