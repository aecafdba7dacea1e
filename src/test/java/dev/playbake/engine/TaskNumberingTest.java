package dev.playbake.engine;

import dev.playbake.connection.CommandsOnlyConnection;
import dev.playbake.connection.Connection;
import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.modules.ServiceStatePolicy;
import dev.playbake.playbook.Location;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.SourceFiles;
import dev.playbake.secrets.Redactor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Tasks are numbered by their place in the plan, the same whether run or cached; their output comes as lines. */
class TaskNumberingTest {

    /** Every command succeeds and writes one line on each stream. */
    private static final Connection ECHOING = new CommandsOnlyConnection() {
        @Override
        public ExecResult exec(ExecRequest request) {
            return new ExecResult(0, "said\n", "warn\n");
        }
    };

    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: true
              handlers:
                - name: react
                  command: echo handler
              tasks:
                - name: first
                  command: echo one
                  notify: react
                - block:
                    - name: in block
                      command: echo two
                  rescue:
                    - name: rescue
                      command: echo never
                  always:
                    - name: always
                      command: echo three
                - meta: flush_handlers
                - name: slow
                  command: echo slow
                  tags: [slow]
                - name: secret
                  command: echo hidden-value
                  no_log: true
            """;

    private static final TagSelection NOT_SLOW = new TagSelection(Set.of(), Set.of("slow"));

    private final List<String> events = new ArrayList<>();

    private final EngineListener listener = new EngineListener() {
        @Override
        public void taskStarted(String name, Location location, OptionalInt number) {
            events.add("start " + label(number) + " " + name);
        }

        @Override
        public void taskOutput(boolean stderr, String line) {
            events.add((stderr ? "err " : "out ") + line);
        }

        @Override
        public void taskFinished(TaskOutcome outcome) {
            events.add("end " + label(outcome.number()) + " " + outcome.name());
        }

        @Override
        public void taskCached(String name, Location location, int number) {
            events.add("cached " + number + " " + name);
        }
    };

    private static String label(OptionalInt number) {
        return number.isPresent() ? String.valueOf(number.getAsInt()) : "+";
    }

    @Test
    void thePlanCountsBlockAndAlwaysTasksTheTagsKeepAndNoMetaTask() {
        Playbook playbook = parse();
        TaskPlan plan = TaskPlan.of(PlanStep.plan(playbook.plays()), playbook.plays(), NOT_SLOW);
        assertEquals(4, plan.total(), "first, in block, always, secret");
        assertEquals(5, TaskPlan.of(PlanStep.plan(playbook.plays()), playbook.plays(), TagSelection.ALL).total());
    }

    @Test
    void aRunNumbersByPlanPositionAndSendsOutputButNoneOfANoLogTask() {
        run(0);
        assertEquals(List.of("start + Gathering Facts", "end + Gathering Facts",
                "start 1 first", "out said", "err warn", "end 1 first",
                "start 2 in block", "out said", "err warn", "end 2 in block",
                "start 3 always", "out said", "err warn", "end 3 always",
                "start + react", "out said", "err warn", "end + react",
                "start 4 secret", "end 4 secret"), events);
    }

    @Test
    void cachedStepsKeepTheirNumbers() {
        run(3);  // past the pre_tasks flush, the first task and the block
        assertEquals(List.of("cached 1 first", "cached 2 in block", "cached 3 always"),
                events.subList(0, 3));
        assertEquals("start 4 secret", events.get(events.size() - 2));
    }

    private static Playbook parse() {
        return PlaybookParser.parse("playbook.yml", PLAYBOOK, new SourceFiles(Map.of()));
    }

    private void run(int resumeFrom) {
        RunResult result = new Engine(ModuleRegistry.standard()).run(parse(), new RunContext(ECHOING,
                new SourceFiles(Map.of()), Map.of(), "target", listener, Redactor.none(), NOT_SLOW, resumeFrom,
                new HostState(), StepObserver.NONE, () -> false, ServiceStatePolicy.RECORD, Optional.empty(),
                ControllerAccess.open()));
        assertInstanceOf(RunResult.Completed.class, result);
    }
}
