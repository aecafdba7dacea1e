package dev.playbake.engine;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.RecordingConnection;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.SourceFiles;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One task's execution and its loop, without Docker: loop_control, until/retries, changed_when and
 * failed_when, register, ignore_errors, no_log and skipped items, as Ansible 2.14 behaves.
 */
class TaskExecutionTest {

    /** What a run left: its end, the reported outcomes, the log lines and the host state. */
    private record Run(RunResult result, List<TaskOutcome> outcomes, List<String> log, HostState state) {

        TaskOutcome outcome(String name) {
            return outcomes.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> registered(String name) {
            return (Map<String, Object>) state.hostVars().get(name);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results(String name) {
            return (List<Map<String, Object>>) registered(name).get("results");
        }
    }

    private static Run run(RecordingConnection connection, String tasks) {
        return run(connection, tasks, Map.of());
    }

    private static Run run(RecordingConnection connection, String tasks, Map<String, String> files) {
        String playbook = "- hosts: all\n  gather_facts: false\n  tasks:\n" + tasks.indent(4);
        Map<String, byte[]> sources = new LinkedHashMap<>();
        files.forEach((k, v) -> sources.put(k, v.getBytes(StandardCharsets.UTF_8)));
        SourceFiles sourceFiles = new SourceFiles(sources);
        List<TaskOutcome> outcomes = new ArrayList<>();
        List<String> log = new ArrayList<>();
        EngineListener listener = new EngineListener() {
            @Override
            public void taskFinished(TaskOutcome outcome) {
                outcomes.add(outcome);
            }

            @Override
            public void log(String line) {
                log.add(line);
            }
        };
        HostState state = new HostState();
        RunResult result = new Engine(ModuleRegistry.standard()).run(
                PlaybookParser.parse("playbook.yml", playbook, sourceFiles),
                RunContext.builder(connection, sourceFiles, "target").listener(listener).state(state).build());
        return new Run(result, outcomes, log, state);
    }

    private static Run run(String tasks) {
        return run(new RecordingConnection(), tasks);
    }

    @Test
    void loopControlNamesTheItemTheIndexAndTheExtendedLoop() {
        Run run = run("""
                - name: each
                  debug: {msg: "{{ idx }}={{ user }}/{{ ansible_loop.index }}/{{ ansible_loop.revindex0 }}"}
                  loop: [a, b, c]
                  loop_control: {loop_var: user, index_var: idx, extended: true, label: "{{ user }}"}
                  register: out
                """);
        assertInstanceOf(RunResult.Completed.class, run.result());
        List<Map<String, Object>> results = run.results("out");
        assertEquals(List.of("0=a/1/2", "1=b/2/1", "2=c/3/0"), results.stream().map(r -> r.get("msg")).toList());
        assertEquals("b", results.get(1).get("user"));
        assertEquals(1, results.get(1).get("idx"));
        assertEquals("user", results.get(1).get("ansible_loop_var"));
        assertEquals("idx", results.get(1).get("ansible_index_var"));
        @SuppressWarnings("unchecked")
        Map<String, Object> loop = (Map<String, Object>) results.get(2).get("ansible_loop");
        assertEquals(true, loop.get("last"));
        assertEquals("b", loop.get("previtem"));
        assertFalse(loop.containsKey("nextitem"));
        assertEquals("All items completed", run.registered("out").get("msg"));
        assertEquals(false, run.registered("out").get("changed"));
    }

    @Test
    void skippedItemsAreSkippedButTheLoopIsNot() {
        Run run = run("""
                - name: some
                  debug: {msg: "{{ item }}"}
                  loop: [1, 2, 3]
                  when: item > 1
                  register: some
                - name: none
                  debug: {msg: "{{ item }}"}
                  loop: [1, 2]
                  when: item > 5
                  register: none
                """);
        List<Map<String, Object>> some = run.results("some");
        assertEquals(true, some.get(0).get("skipped"));
        assertEquals("item > 1", some.get(0).get("false_condition"));
        assertEquals(2, some.get(1).get("msg"));
        assertFalse(run.registered("some").containsKey("skipped"));
        assertEquals(TaskStatus.OK, run.outcome("some").status());
        assertEquals(TaskStatus.SKIPPED, run.outcome("none").status());
        assertEquals("All items skipped", run.registered("none").get("msg"));
    }

    @Test
    void untilRetriesUntilTheConditionHolds() {
        AtomicInteger calls = new AtomicInteger();
        RecordingConnection connection = new RecordingConnection()
                .reply("flaky", request -> calls.incrementAndGet() < 3 ? new ExecResult(1, "", "not yet")
                        : new ExecResult(0, "ready", ""));
        Run run = run(connection, """
                - name: wait
                  command: flaky
                  register: r
                  until: r.rc == 0
                  retries: 5
                  delay: 0
                """);
        assertInstanceOf(RunResult.Completed.class, run.result());
        assertEquals(3, calls.get());
        assertEquals(3, run.registered("r").get("attempts"));
        assertEquals("ready", run.registered("r").get("stdout"));
        assertEquals(List.of("FAILED - RETRYING: [target]: wait (5 retries left).",
                "FAILED - RETRYING: [target]: wait (4 retries left)."), run.log().stream()
                .filter(l -> l.startsWith("FAILED - RETRYING")).toList());
    }

    @Test
    void exhaustedRetriesFailAndReportTheRetriesAskedFor() {
        RecordingConnection connection = new RecordingConnection().reply("never", new ExecResult(1, "", "no"));
        Run run = run(connection, """
                - name: wait
                  command: never
                  register: r
                  until: r.rc == 0
                  retries: 2
                  delay: 0
                  ignore_errors: true
                - name: after
                  debug: {msg: after}
                """);
        assertInstanceOf(RunResult.Completed.class, run.result());
        assertEquals(3, connection.commands().stream().filter(c -> c.contains("never")).count());
        assertEquals(2, run.registered("r").get("attempts"));
        assertEquals(true, run.registered("r").get("failed"));
        assertEquals(TaskStatus.FAILED, run.outcome("wait").status());
        assertTrue(run.outcome("wait").ignored());
        assertEquals(TaskStatus.OK, run.outcome("after").status());
    }

    @Test
    void changedWhenAndFailedWhenDecideTheStatus() {
        RecordingConnection connection = new RecordingConnection().reply("broken", new ExecResult(2, "", "bad"));
        Run run = run(connection, """
                - name: unchanged
                  command: "true"
                  changed_when: false
                - name: tolerated
                  command: broken
                  register: t
                  failed_when: t.rc > 2
                  changed_when: t.rc == 2
                - name: stricter
                  set_fact: {a: 1}
                  register: s
                  failed_when: "'x' in 'xyz'"
                  ignore_errors: true
                """);
        assertEquals(TaskStatus.OK, run.outcome("unchanged").status());
        assertEquals(TaskStatus.CHANGED, run.outcome("tolerated").status());
        assertEquals(false, run.registered("t").get("failed"));
        assertFalse(run.registered("t").containsKey("failed_when_result"));
        assertEquals(TaskStatus.FAILED, run.outcome("stricter").status());
        assertEquals(true, run.registered("s").get("failed_when_result"));
        assertEquals("The conditional check ''x' in 'xyz'' failed.", run.registered("s").get("msg"));
    }

    @Test
    void changedWhenThatCannotBeEvaluatedOnAFailedResultIsRecorded() {
        RecordingConnection connection = new RecordingConnection().reply("broken", new ExecResult(1, "", "bad"));
        Run run = run(connection, """
                - name: broken
                  command: broken
                  register: b
                  changed_when: b.nothing.deeper
                  ignore_errors: true
                """);
        assertEquals(TaskStatus.FAILED, run.outcome("broken").status());
        assertTrue(run.registered("b").containsKey("changed_when_result"));
    }

    @Test
    void anUnignoredFailureStopsTheRunWithTheMessage() {
        Run run = run("""
                - name: stop
                  fail: {msg: "stopped here"}
                - name: never
                  debug: {msg: never}
                """);
        RunResult.Failed failed = assertInstanceOf(RunResult.Failed.class, run.result());
        assertEquals("stop", failed.task());
        assertEquals("stopped here", failed.message());
        assertTrue(run.outcomes().stream().noneMatch(o -> o.name().equals("never")));
        assertTrue(run.log().contains("fatal: stop: stopped here"));
    }

    @Test
    void aModulePlaybakeLacksIsSkippedByItsWhenAndFailsAsATaskWhenReached() {
        Run run = run("""
                - name: suse only
                  community.general.zypper: {name: nginx}
                  when: false
                - name: tolerated
                  community.general.pacman: {name: x}
                  ignore_errors: true
                - block:
                    - name: rescued
                      zypper_repository: {name: x}
                  rescue:
                    - name: rescuer
                      debug: {msg: "{{ ansible_failed_result.msg }}"}
                """);
        assertInstanceOf(RunResult.Completed.class, run.result());
        assertEquals(TaskStatus.SKIPPED, run.outcome("suse only").status());
        assertEquals(TaskStatus.FAILED, run.outcome("tolerated").status());
        assertEquals("playbook.yml:7: task 'tolerated': the module 'pacman' is not supported by playbake; instead"
                + " use a command task: pacman -S --noconfirm --needed NAME (playbake manages apt and dnf images;"
                + " pacman is the package manager of another distribution family, which it does not implement)",
                run.outcome("tolerated").message());
        assertEquals(TaskStatus.FAILED, run.outcome("rescued").status());
        assertEquals(TaskStatus.OK, run.outcome("rescuer").status());
    }

    @Test
    void noLogCensorsTheReportAndTheFailure() {
        Run run = run("""
                - name: secret
                  debug: {msg: "hunter2"}
                  no_log: true
                  register: s
                - name: secret failure
                  fail: {msg: "hunter2 again"}
                  no_log: true
                """);
        TaskOutcome secret = run.outcome("secret");
        assertTrue(String.valueOf(secret.result().get("censored")).contains("no_log: true"));
        assertFalse(secret.result().containsKey("msg"));
        assertEquals("hunter2", run.registered("s").get("msg"));
        assertFalse(run.state().resumable());
        RunResult.Failed failed = assertInstanceOf(RunResult.Failed.class, run.result());
        assertFalse(failed.message().contains("hunter2"));
        assertTrue(run.log().stream().noneMatch(l -> l.contains("hunter2")));
    }

    @Test
    void aLoopWithAFailedItemFailsAndMayBeIgnored() {
        Run run = run("""
                - name: items
                  assert: {that: "item != 2"}
                  loop: [1, 2, 3]
                  register: items
                  ignore_errors: true
                """);
        assertEquals(TaskStatus.FAILED, run.outcome("items").status());
        assertTrue(run.outcome("items").ignored());
        assertEquals("One or more items failed", run.registered("items").get("msg"));
        assertEquals(List.of(false, true, false), run.results("items").stream()
                .map(r -> Boolean.TRUE.equals(r.get("failed"))).toList());
        assertInstanceOf(RunResult.Completed.class, run.result());
    }

    @Test
    void includedTasksRunAfterTheIncludeWithTheLoopVariables() {
        Run run = run(new RecordingConnection(), """
                - name: include
                  include_tasks: inc.yml
                  loop: [x, y]
                  loop_control: {loop_var: thing, index_var: n}
                """, Map.of("inc.yml", "- name: included\n  set_fact: {seen: \"{{ seen | default([]) + [n ~ thing] }}\"}\n"));
        assertEquals(List.of("include", "included", "included"), run.outcomes().stream().map(TaskOutcome::name).toList());
        assertEquals(List.of("0x", "1y"), run.state().hostVars().get("seen"));
    }

    @Test
    void aFalseWhenSkipsALoopWhoseItemsAreUndefinedOnce() {
        Run run = run("""
                - name: guarded
                  debug: {msg: "{{ item }}"}
                  loop: "{{ extra_dirs }}"
                  when: extra_dirs is defined
                  register: guarded
                - name: guarded with
                  debug: {msg: "{{ item }}"}
                  with_items: "{{ app.plugins }}"
                  when: app is defined
                """);
        assertEquals(TaskStatus.SKIPPED, run.outcome("guarded").status());
        assertEquals(TaskStatus.SKIPPED, run.outcome("guarded with").status());
        assertEquals("Conditional result was False", run.registered("guarded").get("skip_reason"));
        assertFalse(run.registered("guarded").containsKey("results"));
        assertInstanceOf(RunResult.Completed.class, run.result());
    }

    @Test
    void theLoopsErrorWinsWhenTheConditionHoldsOrFails() {
        Run holds = run("""
                - name: holds
                  debug: {msg: "{{ item }}"}
                  loop: "{{ extra_dirs }}"
                  when: true
                """);
        Run fails = run("""
                - name: fails
                  debug: {msg: "{{ item }}"}
                  loop: "{{ extra_dirs }}"
                  when: missing_too
                """);
        for (Run run : List.of(holds, fails)) {
            RunResult.Failed failed = assertInstanceOf(RunResult.Failed.class, run.result());
            assertTrue(failed.message().contains("'extra_dirs' is undefined"), failed.message());
        }
    }
}
