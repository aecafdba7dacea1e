package dev.playbake.engine;

import dev.playbake.connection.CommandsOnlyConnection;
import dev.playbake.connection.Connection;
import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.modules.ServiceStatePolicy;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.SourceFiles;
import dev.playbake.secrets.Redactor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The order and set of tasks the engine reports, as ansible-playbook lists them. */
class EngineReportingTest {

    /** A container where every command succeeds, so command tasks report changed. */
    private static final Connection SUCCEEDING = new CommandsOnlyConnection() {
        @Override
        public ExecResult exec(ExecRequest request) {
            return new ExecResult(0, "", "");
        }
    };

    private static List<String> run(String playbook, Map<String, String> files) {
        List<String> reported = new ArrayList<>();
        run(playbook, files, new EngineListener() {
            @Override
            public void taskFinished(TaskOutcome outcome) {
                reported.add(outcome.name() + "=" + outcome.status().name().toLowerCase());
            }
        });
        return reported;
    }

    private static void run(String playbook, Map<String, String> files, EngineListener listener) {
        Map<String, byte[]> sources = new java.util.LinkedHashMap<>();
        files.forEach((k, v) -> sources.put(k, v.getBytes(StandardCharsets.UTF_8)));
        SourceFiles sourceFiles = new SourceFiles(sources);
        RunResult result = new Engine(ModuleRegistry.standard()).run(
                PlaybookParser.parse("playbook.yml", playbook, sourceFiles),
                new RunContext(SUCCEEDING, sourceFiles, Map.of(), "target", listener, Redactor.none(),
                        TagSelection.ALL, 0, new HostState(), StepObserver.NONE, () -> false, ServiceStatePolicy.RECORD,
                        Optional.empty(), ControllerAccess.open()));
        assertInstanceOf(RunResult.Completed.class, result);
    }

    @Test
    void factGatheringIsReportedApartToListenersThatTellItFromTasksAndAsATaskToOthers() {
        String playbook = """
                - hosts: all
                  tasks:
                    - name: task
                      debug: {msg: hi}
                """;
        assertEquals(List.of("Gathering Facts=ok", "task=ok"), run(playbook, Map.of()));

        List<String> reported = new ArrayList<>();
        run(playbook, Map.of(), new EngineListener() {
            @Override
            public void taskFinished(TaskOutcome outcome) {
                reported.add("task " + outcome.name());
            }

            @Override
            public void factsGathered(TaskOutcome outcome) {
                reported.add("facts " + outcome.name());
            }
        });
        assertEquals(List.of("facts Gathering Facts", "task task"), reported);
    }

    @Test
    void anIncludeIsReportedBeforeTheTasksItIncludes() {
        List<String> reported = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: include
                      include_tasks: inc.yml
                      loop: [1, 2]
                    - name: after
                      debug: {msg: after}
                """, Map.of("inc.yml", "- name: included\n  debug: {msg: '{{ item }}'}\n"));
        assertEquals(List.of("include=ok", "included=ok", "included=ok", "after=ok"), reported);
    }

    @Test
    void metaTasksAreNotReported() {
        List<String> reported = run("""
                - hosts: all
                  gather_facts: false
                  handlers:
                    - name: handler
                      debug: {msg: handled}
                  tasks:
                    - name: notify
                      command: "true"
                      notify: handler
                    - name: flush
                      meta: flush_handlers
                    - name: last
                      debug: {msg: last}
                """, Map.of());
        assertEquals(List.of("notify=changed", "handler=ok", "last=ok"), reported);
    }

    @Test
    void aTopicRunsEveryHandlerThatListensToIt() {
        List<String> reported = run("""
                - hosts: all
                  gather_facts: false
                  handlers:
                    - name: first
                      command: "true"
                      listen: topic
                      notify: chained
                    - name: second
                      debug: {msg: second}
                      listen: topic
                    - name: chained
                      debug: {msg: chained}
                  tasks:
                    - name: notify
                      command: "true"
                      notify: topic
                """, Map.of());
        assertEquals(List.of("notify=changed", "first=changed", "second=ok", "chained=ok"), reported);
    }

    @Test
    void aLoopLabelMayUseTheLoopVariable() {
        List<String> reported = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: labelled
                      debug: {msg: "{{ user.name }}"}
                      loop: [{name: a}, {name: b}]
                      loop_control: {loop_var: user, label: "{{ user.name }}"}
                """, Map.of());
        assertEquals(List.of("labelled=ok"), reported);
    }

    @Test
    void aMetaSkippedByItsConditionIsReportedAndEndsNothing() {
        List<String> reported = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: end the play
                      meta: end_play
                      when: "'x' == 'x'"
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: end_host skipped by when
                      meta: end_host
                      when: false
                    - name: still running
                      debug: {msg: running}
                    - name: end
                      meta: end_host
                    - name: not reached
                      debug: {msg: never}
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: next play
                      debug: {msg: next}
                """, Map.of());
        assertEquals(List.of("end_host skipped by when=skipped", "still running=ok", "next play=ok"), reported);
    }

    @Test
    void noopRefreshInventoryAndResetConnectionIgnoreTheirWhenAndAreNeverReported() {
        List<String> reported = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: noop
                      meta: noop
                      when: false
                    - name: refresh
                      meta: refresh_inventory
                      when: false
                    - name: reset
                      meta: reset_connection
                      when: false
                    - name: clear skipped
                      meta: clear_facts
                      when: false
                    - name: flush skipped
                      meta: flush_handlers
                      when: false
                """, Map.of());
        assertEquals(List.of("clear skipped=skipped", "flush skipped=skipped"), reported);
    }

    @Test
    void theOldIncludeIsReportedOnlyWhenItIsDynamic() {
        List<String> reported = run("""
                - hosts: all
                  gather_facts: false
                  vars: {f: inc}
                  tasks:
                    - include: inc.yml marker=static
                    - include: "{{ f }}.yml"
                """, Map.of("inc.yml", "- name: included\n  debug: {msg: '{{ marker | default(\"dynamic\") }}'}\n"));
        assertEquals(List.of("included=ok", "include=ok", "included=ok"), reported);
    }
}
