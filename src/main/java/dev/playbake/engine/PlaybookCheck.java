package dev.playbake.engine;

import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.SourceFiles;
import dev.playbake.playbook.Task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every check made before a build starts, over one walk of the playbook ({@link CertainTasks}): the modules
 * ({@link ModuleSupport}), their arguments ({@link ArgumentCheck}), the files tasks read ({@link SourceCheck}) and
 * the variables they use ({@link UndefinedCheck}). All problems are found, not only the first.
 */
public final class PlaybookCheck {

    /**
     * What the checks read besides the parsed playbook.
     *
     * @param playbookFile   the playbook's file name
     * @param playbookText   its text, which the files may not hold
     * @param files          the files beside it
     * @param artifactFolder whether the build has a folder for fetch
     * @param extraVars      the names of the extra and secret vars
     */
    public record Inputs(ModuleRegistry modules, String playbookFile, String playbookText, SourceFiles files,
                         boolean artifactFolder, TagSelection selection, Collection<String> extraVars) {
    }

    private PlaybookCheck() {
    }

    /** Every problem, certain ones and warnings, in the order Ansible would reach their tasks. */
    public static List<Problem> problems(Playbook playbook, Inputs inputs) {
        List<CertainTasks.Visit> visits = CertainTasks.of(playbook, inputs.selection());
        List<Problem> problems = new ArrayList<>(ModuleSupport.problems(visits, inputs.modules(),
                inputs.artifactFolder()));
        problems.addAll(ArgumentCheck.problems(visits, inputs.modules()));
        problems.addAll(SourceCheck.problems(visits, inputs.files(), inputs.playbookFile()));
        problems.addAll(UndefinedCheck.problems(visits, DefinedNames.of(inputs.files(), inputs.playbookFile(),
                inputs.playbookText(), inputs.extraVars())));
        Map<Task, Integer> order = new IdentityHashMap<>();
        visits.forEach(visit -> order.putIfAbsent(visit.task(), order.size()));
        problems.sort(Comparator.comparing(problem -> order.get(problem.task())));
        return List.copyOf(problems);
    }

    /**
     * The warnings: problems of tasks that may not run, checked again if they do.
     *
     * @throws PlaybookProblems listing every certain problem, when there is one
     */
    public static List<Problem> check(Playbook playbook, Inputs inputs) {
        List<Problem> problems = problems(playbook, inputs);
        List<Problem> certain = problems.stream().filter(Problem::certain).toList();
        if (!certain.isEmpty()) {
            throw new PlaybookProblems(certain);
        }
        return problems;
    }
}
