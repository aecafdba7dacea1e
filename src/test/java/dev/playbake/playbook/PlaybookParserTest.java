package dev.playbake.playbook;

import dev.playbake.template.UnsafeText;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaybookParserTest {

    /** Files by path, from alternating paths and contents. */
    static SourceFiles files(String... pathsAndContents) {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new SourceFiles(files);
    }

    @Test
    void keepsFileAndLineAndNormalisesActions() {
        Playbook playbook = PlaybookParser.parse("site.yml", """
                - hosts: all
                  tasks:
                    - name: one
                      ansible.builtin.copy: {dest: /a, content: x}
                    - command: echo hi chdir=/tmp
                    - action: shell echo there
                """, files());
        List<Step> tasks = playbook.plays().get(0).tasks();
        Task copy = assertInstanceOf(Task.class, tasks.get(0));
        assertEquals("copy", copy.action());
        assertEquals(new Location("site.yml", 3), copy.location());
        Task command = assertInstanceOf(Task.class, tasks.get(1));
        assertEquals(Map.of("_raw_params", "echo hi", "chdir", "/tmp"), command.args());
        assertEquals("command", command.displayName());
        Task shell = assertInstanceOf(Task.class, tasks.get(2));
        assertEquals("shell", shell.action());
        assertEquals("echo there", shell.args().get("_raw_params"));
    }

    @Test
    void expandsRolesWithDependenciesAndStaticImports() {
        Playbook playbook = PlaybookParser.parse("site.yml", """
                - hosts: all
                  roles:
                    - role: web
                      vars: {port: 8080}
                  tasks:
                    - import_tasks: extra.yml
                      tags: [extra]
                """, files(
                "roles/web/tasks/main.yml", "- name: web task\n  debug: msg=web\n",
                "roles/web/defaults/main.yml", "port: 80\n",
                "roles/web/meta/main.yml", "dependencies: [base]\n",
                "roles/web/handlers/main.yml", "- name: restart web\n  debug: msg=restart\n",
                "roles/base/tasks/main.yml", "- name: base task\n  debug: msg=base\n",
                "extra.yml", "- name: extra task\n  debug: msg=extra\n"));
        Play play = playbook.plays().get(0);
        Block web = assertInstanceOf(Block.class, play.tasks().get(0));
        assertEquals("web", web.role().orElseThrow().name());
        assertEquals(Map.of("port", 8080), web.role().orElseThrow().params());
        assertEquals(Map.of("port", 80), web.role().orElseThrow().defaults());
        Block base = assertInstanceOf(Block.class, web.block().get(0));
        assertEquals("base", base.role().orElseThrow().name());
        Task webTask = assertInstanceOf(Task.class, web.block().get(1));
        assertEquals("web : web task", webTask.displayName());
        Block imported = assertInstanceOf(Block.class, play.tasks().get(1));
        assertEquals(List.of("extra"), imported.options().tags());
        assertEquals(new Location("extra.yml", 1), imported.block().get(0).location());
        assertEquals(List.of("restart web"), play.handlers().stream().map(Task::name).toList());
    }

    @Test
    void theOldIncludeIsStaticUnlessItsNameIsATemplateOrItLoopsOrADynamicIncludeLoadedIt() {
        SourceFiles sources = files("inc.yml", "- include: nested.yml\n",
                "nested.yml", "- name: nested\n  debug: msg=x\n");
        Playbook playbook = PlaybookParser.parse("site.yml", """
                - hosts: all
                  vars: {f: inc}
                  tasks:
                    - include: inc.yml marker=one
                      vars: {marker: zero, other: 1}
                    - include: "{{ f }}.yml"
                    - include: inc.yml
                      loop: [a]
                """, files("inc.yml", "- name: included\n  debug: msg=x\n"));
        List<Step> tasks = playbook.plays().get(0).tasks();
        Block imported = assertInstanceOf(Block.class, tasks.get(0));
        assertEquals(Map.of("marker", "one", "other", 1), imported.options().vars());
        assertEquals("included", assertInstanceOf(Task.class, imported.block().get(0)).name());
        Task templated = assertInstanceOf(Task.class, tasks.get(1));
        assertEquals("include", templated.action());
        assertEquals("include", templated.displayName());
        assertEquals(Map.of("_raw_params", "{{ f }}.yml"), templated.args());
        assertEquals("include", assertInstanceOf(Task.class, tasks.get(2)).action());
        Step nested = PlaybookParser.forRuntime("site.yml", sources, Set.of())
                .includeTasks("inc.yml", Optional.empty(), "", new Location("site.yml", 1), List.of()).get(0);
        assertEquals("include", assertInstanceOf(Task.class, nested).action());
    }

    @Test
    void aRoleWithArgumentSpecsValidatesFirstAfterItsDependencies() {
        Playbook playbook = PlaybookParser.parse("site.yml", """
                - hosts: all
                  roles:
                    - {role: app, app_port: 80}
                    - base
                  tasks:
                    - import_role: {name: app, tasks_from: other}
                """, files(
                "roles/app/tasks/main.yml", "- name: app task\n  debug: msg=app\n",
                "roles/app/tasks/other.yml", "- name: other task\n  debug: msg=other\n",
                "roles/app/meta/main.yml", "dependencies: [base]\nargument_specs: {main: {options: {ignored: {}}}}\n",
                "roles/app/meta/argument_specs.yml",
                "argument_specs:\n  main:\n    short_description: The app\n    options:\n      app_port: {type: int}\n",
                "roles/base/tasks/main.yml", "- name: base task\n  debug: msg=base\n",
                "roles/base/meta/main.yml", "argument_specs:\n  main:\n    options:\n      base_dir: {type: path}\n"));
        List<Step> roles = playbook.plays().get(0).tasks();
        Block app = assertInstanceOf(Block.class, roles.get(0));
        Task validation = assertInstanceOf(Task.class, app.block().get(1));
        assertEquals("app : Validating arguments against arg spec 'main' - The app", validation.displayName());
        assertEquals("validate_argument_spec", validation.action());
        assertEquals(Map.of("app_port", Map.of("type", "int")), validation.args().get("argument_spec"));
        assertEquals(Map.of("app_port", 80), validation.args().get("provided_arguments"));
        assertEquals(List.of("always"), validation.options().tags());
        assertEquals(new Location("roles/app/meta/argument_specs.yml", 1), validation.location());
        Block imported = assertInstanceOf(Block.class, playbook.plays().get(0).tasks().get(2));
        Block other = assertInstanceOf(Block.class, imported.block().get(0));
        assertEquals("other task", assertInstanceOf(Task.class, other.block().get(1)).name());
        // base ran as app's dependency, so its own entry in roles: adds nothing (the play's role cache)
        Block base = assertInstanceOf(Block.class, app.block().get(0));
        assertEquals("base : Validating arguments against arg spec 'main'",
                assertInstanceOf(Task.class, base.block().get(0)).displayName());
    }

    @Test
    void aPlayLoadsARoleOnceForTheSameParametersUnlessItAllowsDuplicates() {
        Playbook playbook = PlaybookParser.parse("site.yml", """
                - hosts: all
                  roles:
                    - base
                    - base
                    - {role: web, web_port: 80}
                    - {role: web, web_port: 81}
                    - {role: web, web_port: 80}
                    - {role: web, web_port: 80, when: later}
                    - app
                    - counter
                    - counter
                """, files(
                "roles/base/tasks/main.yml", "- name: base task\n  debug: msg=base\n",
                "roles/base/handlers/main.yml", "- name: base handler\n  debug: msg=h\n",
                "roles/web/tasks/main.yml", "- name: web task\n  debug: msg=web\n",
                "roles/app/meta/main.yml", "dependencies: [base]\n",
                "roles/app/tasks/main.yml", "- name: app task\n  debug: msg=app\n",
                "roles/counter/meta/main.yml", "allow_duplicates: true\n",
                "roles/counter/tasks/main.yml", "- name: counter task\n  debug: msg=counter\n"));
        Play play = playbook.plays().get(0);
        assertEquals(List.of("base : base task", "web : web task", "web : web task", "web : web task",
                "app : app task", "counter : counter task", "counter : counter task"),
                TaskTree.tasks(play.tasks(), TaskTree.Sections.ALL).map(Task::displayName).toList());
        // the role that was not loaded again keeps its one set of handlers
        assertEquals(List.of("base handler"), play.handlers().stream().map(Task::name).toList());
        assertEquals(9, play.tasks().size());
    }

    @Test
    void anIncludeRoleIsNamedWithoutItsRolesPrefixAsAnsibleNamesIt() {
        Playbook playbook = PlaybookParser.parse("site.yml", "- hosts: all\n  roles: [app]\n", files(
                "roles/app/tasks/main.yml", """
                        - name: preflight
                          include_role: {name: common}
                        - include_role: {name: common}
                        - name: plain
                          debug: {msg: hi}
                        """));
        assertEquals(List.of("preflight", "include_role : common", "app : plain"),
                TaskTree.tasks(playbook.plays().get(0).tasks(), TaskTree.Sections.ALL).map(Task::displayName).toList());
    }

    @Test
    void errorsNameFileLineAndTask() {
        PlaybookException twoModules = assertThrows(PlaybookException.class, () -> PlaybookParser.parse("site.yml", """
                - hosts: all
                  tasks:
                    - name: confused
                      copy: {dest: /a, content: x}
                      file: {path: /b}
                """, files()));
        assertEquals(new Location("site.yml", 3), twoModules.location());
        assertTrue(twoModules.getMessage().contains("task 'confused'"), twoModules.getMessage());
        assertTrue(twoModules.getMessage().contains("conflicting action statements"), twoModules.getMessage());

        PlaybookException yaml = assertThrows(PlaybookException.class, () -> PlaybookParser.parse("site.yml",
                "- hosts: all\n  tasks:\n    - name: x\n      copy: {dest: /a\n", files()));
        assertEquals("site.yml", yaml.location().file());
        assertTrue(yaml.location().line() >= 4, yaml.getMessage());

        PlaybookException role = assertThrows(PlaybookException.class, () -> PlaybookParser.parse("site.yml",
                "- hosts: all\n  roles: [missing]\n", files()));
        assertTrue(role.getMessage().contains("role 'missing' was not found"), role.getMessage());
        assertEquals("site.yml", role.location().file());
        assertEquals(2, role.location().line(), role.getMessage());

        PlaybookException imported = assertThrows(PlaybookException.class, () -> PlaybookParser.parse("site.yml", """
                - hosts: all
                  tasks:
                    - name: fine
                      debug: msg=x
                    - name: bring the role
                      import_role: {name: missing}
                """, files()));
        assertEquals(new Location("site.yml", 5), imported.location());
        assertTrue(imported.getMessage().contains("missing"), imported.getMessage());
        assertTrue(imported.getMessage().contains("bring the role"), imported.getMessage());

        PlaybookException prompt = assertThrows(PlaybookException.class, () -> PlaybookParser.parse("site.yml",
                "- hosts: all\n  vars_prompt: [{name: pw}]\n", files()));
        assertTrue(prompt.getMessage().contains("not interactive"), prompt.getMessage());
    }

    @Test
    void yamlIsReadAsAnsibleReadsIt() {
        Object loaded = YamlLoader.load("x.yml", "a: yes\nb: 0644\nc: !unsafe '{{ raw }}'\n");
        Map<?, ?> map = assertInstanceOf(Map.class, loaded);
        assertEquals(true, map.get("a"));
        assertEquals(420, map.get("b"));
        assertEquals(new UnsafeText("{{ raw }}"), map.get("c"));
    }
}
