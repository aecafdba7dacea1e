package dev.playbake.engine;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;
import dev.playbake.connection.RecordingConnection;
import dev.playbake.engine.actions.ActionRegistry;
import dev.playbake.modules.Argument;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.modules.ModuleResult;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.SourceFiles;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Engine actions and module calls as the executor runs them, with a fake module and a recording connection. */
class EngineActionsTest {

    /** A module that only reads: it reports a fact and what it was given. */
    private static final Module PROBE = new Module() {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public ArgumentSpec argumentSpec() {
            return ArgumentSpec.of(Argument.raw("value"));
        }

        @Override
        public ModuleResult run(ModuleContext context) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("given", context.args().get("value"));
            values.put("become_user", context.user());
            values.put("ansible_facts", Map.of("probed", context.args().get("value")));
            return ModuleResult.ok(values);
        }

        @Override
        public boolean changesContainer() {
            return false;
        }
    };

    /** A container with only the directory /etc: every file copy and template writes to is absent yet. */
    private static RecordingConnection emptyContainer() {
        return new RecordingConnection().reply("stat -c", request -> {
            StringBuilder out = new StringBuilder();
            Matcher path = Pattern.compile("p='?([^;']*)'?;").matcher(String.join(" ", request.argv()));
            while (path.find()) {
                out.append(path.group(1).equals("/etc") ? "directory|755|root|root|0|0|4096||" : "absent").append('\n');
            }
            return new ExecResult(0, out.toString(), "");
        });
    }

    private record Run(RunResult result, List<String> reported, List<Boolean> work, HostState state) {
    }

    private static Run run(RecordingConnection connection, String playbook, Map<String, String> files) {
        Map<String, byte[]> sources = new LinkedHashMap<>();
        files.forEach((k, v) -> sources.put(k, v.getBytes(StandardCharsets.UTF_8)));
        SourceFiles sourceFiles = new SourceFiles(sources);
        List<String> reported = new ArrayList<>();
        List<Boolean> work = new ArrayList<>();
        HostState state = new HostState();
        List<dev.playbake.modules.Module> modules = new ArrayList<>(List.of(PROBE));
        ModuleRegistry.standard().names().forEach(name -> ModuleRegistry.standard().find(name).ifPresent(modules::add));
        RunResult result = new Engine(new ModuleRegistry(modules)).run(
                PlaybookParser.parse("playbook.yml", playbook, sourceFiles,
                        ActionRegistry.standard().scalarArgumentActions()),
                RunContext.builder(connection, sourceFiles, "target").state(state)
                        .listener(new EngineListener() {
                            @Override
                            public void taskFinished(TaskOutcome outcome) {
                                reported.add(outcome.name() + "=" + outcome.status().name().toLowerCase());
                            }
                        })
                        .observer((step, s, changed) -> work.add(changed)).build());
        return new Run(result, reported, work, state);
    }

    @Test
    void aModulesFactsBecomeVariablesAndItsArgumentsAreRendered() {
        Run run = run(new RecordingConnection(), """
                - hosts: all
                  gather_facts: false
                  vars: {v: 42}
                  tasks:
                    - name: probe
                      probe: {value: "{{ v }}", skipped: "{{ omit }}"}
                      become: true
                      become_user: app
                      register: p
                    - name: check
                      assert: {that: ["probed == 42", "p.given == 42", "p.become_user == 'app'"]}
                """, Map.of());
        assertInstanceOf(RunResult.Completed.class, run.result(), () -> String.valueOf(run.result()));
        assertEquals(List.of("probe=ok", "check=ok"), run.reported());
        assertEquals(42, run.state().facts().get("probed"));
    }

    @Test
    void magicVariablesHaveAnsiblePlaybooksValues() {
        Run run = run(new RecordingConnection(), """
                - hosts: all
                  gather_facts: false
                  roles: [app, other]
                  tasks:
                    - name: play
                      assert:
                        that:
                          - ansible_verbosity == 0 and ansible_forks == 5
                          - ansible_version.full == '2.14.18' and ansible_version.revision == 18
                          - ansible_play_role_names == ['app', 'other'] and role_names == ['app', 'other']
                          - ansible_dependent_role_names == ['base']
                          - ansible_role_names | sort == ['app', 'base', 'other']
                          - ansible_collection_name is undefined and ansible_parent_role_names is undefined
                """, Map.of("roles/app/meta/main.yml", "dependencies: [base]\n",
                "roles/base/tasks/main.yml", "- name: base\n  debug: {msg: hi}\n",
                "roles/other/tasks/main.yml", "- name: nested\n  include_role: {name: helper}\n",
                "roles/helper/tasks/main.yml", """
                        - name: helper
                          assert:
                            that:
                              - ansible_parent_role_names == ['other']
                              - ansible_parent_role_paths == ['/playbook/roles/other']
                              - ansible_collection_name is none
                        - name: deeper
                          include_role: {name: leaf}
                        """,
                "roles/leaf/tasks/main.yml", """
                        - name: leaf
                          assert: {that: "ansible_parent_role_names == ['helper', 'other']"}
                        """));
        assertInstanceOf(RunResult.Completed.class, run.result(), () -> String.valueOf(run.result()));
        assertEquals(List.of("base : base=ok", "nested=ok", "helper : helper=ok", "deeper=ok",
                "leaf : leaf=ok", "play=ok"), run.reported());
    }

    @Test
    void handlerNamesAreTemplatedWithThePlayAndRoleVariablesButNoHostVariables() {
        String role = """
                - name: change
                  probe: {value: 1}
                  changed_when: true
                  notify: "restart {{ web_service }}"
                """;
        Map<String, String> files = Map.of("roles/web/tasks/main.yml", role,
                "roles/web/defaults/main.yml", "web_service: nginx\n",
                "roles/web/handlers/main.yml", """
                        - name: "restart {{ web_service }}"
                          debug: {msg: restarting}
                        - name: "reload {{ learned }}"
                          listen: reload
                          debug: {msg: reloading}
                        """);
        Run run = run(new RecordingConnection(), """
                - hosts: all
                  gather_facts: false
                  roles: [web]
                  tasks:
                    - set_fact: {learned: later}
                    - name: topic
                      probe: {value: 2}
                      changed_when: true
                      notify: reload
                """, files);
        assertInstanceOf(RunResult.Completed.class, run.result(), () -> String.valueOf(run.result()));
        assertEquals(List.of("web : change=changed", "set_fact=ok", "topic=changed", "web : restart nginx=ok",
                "web : reload later=ok"), run.reported());
        // a set_fact is the host's: Ansible templates handler names without it, so that name matches nothing
        PlaybookException byName = assertThrows(PlaybookException.class, () -> run(new RecordingConnection(), """
                - hosts: all
                  gather_facts: false
                  roles: [web]
                  tasks:
                    - set_fact: {learned: later}
                    - name: by name
                      probe: {value: 2}
                      changed_when: true
                      notify: reload later
                """, files));
        assertTrue(byName.getMessage().contains("notifies 'reload later', but no handler has that name"),
                byName.getMessage());
    }

    @Test
    void onlyStepsThatMayChangeTheContainerNeedASnapshot() {
        Run run = run(emptyContainer(), """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: reads
                      probe: {value: 1}
                    - name: computes
                      debug: {msg: hi}
                    - name: renders
                      template: {src: t.j2, dest: /etc/t}
                    - name: runs
                      command: "true"
                """, Map.of("templates/t.j2", "x"));
        // pre_tasks' flush, the four steps, then the flushes that end tasks and post_tasks
        assertEquals(List.of(false, false, false, true, true, false, false), run.work());
    }

    @Test
    void aTemplateIsRenderedHereAndWrittenByCopy() {
        RecordingConnection connection = emptyContainer();
        Run run = run(connection, """
                - hosts: all
                  gather_facts: false
                  vars: {who: world}
                  tasks:
                    - name: render
                      template: {src: greeting.j2, dest: /etc/greeting}
                """, Map.of("templates/greeting.j2", "hello {{ who }} from {{ template_host }}\\n"));
        assertInstanceOf(RunResult.Completed.class, run.result(), () -> String.valueOf(run.result()));
        assertTrue(connection.puts().stream().map(FileEntry::content)
                        .anyMatch(c -> new String(c, StandardCharsets.UTF_8).contains("hello world from target")),
                "a file with the rendered text was written");
    }

    @Test
    void anIncludedRoleRunsAfterTheIncludeIsReportedAndItsHandlersAnswer() {
        Run run = run(new RecordingConnection(), """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: include
                      include_role: {name: web}
                    - name: after
                      debug: {msg: after}
                """, Map.of("roles/web/tasks/main.yml", "- name: role task\n  command: 'true'\n  notify: restart\n",
                "roles/web/handlers/main.yml", "- name: restart\n  debug: {msg: restarted}\n"));
        assertInstanceOf(RunResult.Completed.class, run.result(), () -> String.valueOf(run.result()));
        assertEquals(List.of("include=ok", "web : role task=changed", "after=ok", "web : restart=ok"), run.reported());
    }
}
