package dev.playbake.engine;

import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.Location;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.SourceFiles;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaybookCheckTest {

    private static List<Problem> problems(String yaml, String... pathsAndContents) {
        return problems(yaml, Set.of(), pathsAndContents);
    }

    private static List<Problem> problems(String yaml, Set<String> extraVars, String... pathsAndContents) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        SourceFiles sources = new SourceFiles(files);
        Playbook playbook = PlaybookParser.parse("site.yml", yaml, sources);
        return PlaybookCheck.problems(playbook, new PlaybookCheck.Inputs(ModuleRegistry.standard(), "site.yml", yaml,
                sources, true, TagSelection.ALL, extraVars));
    }

    private static List<String> lines(List<Problem> problems) {
        return problems.stream().map(p -> (p.certain() ? "" : "warning: ") + p.line()).toList();
    }

    @Test
    void everyProblemOfThePlaybookIsReportedInOrderWithFileLineAndTask() {
        String yaml = """
                - hosts: all
                  vars: {app_port: 8080}
                  tasks:
                    - name: write
                      copy: {dest: /etc/app.conf, contents: "port={{ app_port }}"}
                    - name: mode
                      file: {path: /etc/app.conf, state: directroy}
                    - name: config
                      template: {src: app.conf.j2, dest: /etc/app.conf}
                    - name: greet
                      debug: {msg: "listening on {{ app_prot }}"}
                    - name: install
                      apt: {name: curl, update_cache: maybe}
                    - name: both
                      copy: {src: files/a, content: b, dest: /a}
                    - name: run
                      script: setup.sh --fast
                """;
        List<Problem> problems = problems(yaml, "files/a", "a");
        assertEquals(List.of(
                "site.yml:4: task 'write': Unsupported parameters for (copy) module: contents (did you mean 'content'?)."
                        .substring(0, 60),
                "site.yml:6: task 'mode': value of state must be one of: absent, directory, file, hard, link, touch,"
                        + " got: directroy",
                "site.yml:8: task 'config': could not find src 'app.conf.j2' (looked in templates/app.conf.j2,"
                        + " app.conf.j2)",
                "site.yml:10: task 'greet': 'app_prot' is undefined (in argument 'msg'): no vars, defaults, vars file,"
                        + " set_fact, register, loop or extra var defines it; did you mean 'app_port'?",
                "site.yml:12: task 'install': argument 'update_cache' is of type str and we were unable to convert"
                        + " to bool: 'maybe' is not a valid boolean",
                "site.yml:14: task 'both': parameters are mutually exclusive: content|src",
                "site.yml:16: task 'run': could not find src 'setup.sh' (looked in files/setup.sh, setup.sh)"),
                lines(problems).stream().map(l -> l.startsWith("site.yml:4:") ? l.substring(0, 60) : l).toList());
        assertTrue(problems.get(0).message().contains("contents (did you mean 'content'?). Supported parameters"
                + " include: _original_basename, attributes, backup,"), problems.get(0).message());

        PlaybookProblems all = assertThrows(PlaybookProblems.class, () -> PlaybookCheck.check(
                PlaybookParser.parse("site.yml", yaml, new SourceFiles(Map.of("files/a", new byte[1]))),
                new PlaybookCheck.Inputs(ModuleRegistry.standard(), "site.yml", yaml,
                        new SourceFiles(Map.of("files/a", new byte[1])), true, TagSelection.ALL, Set.of())));
        assertEquals(7, all.problems().size());
        assertEquals(new Location("site.yml", 4), all.location());
        assertEquals("write", all.task());
        String[] printed = all.getMessage().split("\n");
        assertEquals(7, printed.length);
        assertTrue(printed[0].startsWith("site.yml:4: task 'write': Unsupported parameters"), printed[0]);
        assertTrue(printed[6].startsWith("site.yml:16: task 'run': could not find src 'setup.sh'"), printed[6]);
    }

    @Test
    void theListStopsAtTheLimitAndCountsTheRest() {
        StringBuilder yaml = new StringBuilder("- hosts: all\n  tasks:\n");
        for (int i = 0; i < 25; i++) {
            yaml.append("    - copy: {dest: /x, contents: y}\n");
        }
        PlaybookProblems all = new PlaybookProblems(problems(yaml.toString()));
        String[] printed = all.getMessage().split("\n");
        assertEquals(PlaybookProblems.LIMIT + 1, printed.length);
        assertEquals("… and 5 more problems", printed[PlaybookProblems.LIMIT]);
    }

    @Test
    void srcIsLookedUpInTheRoleThenBesideThePlaybook() {
        String yaml = """
                - hosts: all
                  roles: [web]
                  tasks:
                    - copy: {src: site/, dest: /srv/}
                    - copy: {src: files/site, dest: /srv/}
                    - copy: {src: "{{ name }}.conf", dest: /etc/}
                    - copy: {src: /etc/hosts, dest: /etc/}
                    - copy: {src: /etc/passwd, dest: /etc/, remote_src: true}
                    - unarchive: {src: app.tgz, dest: /opt}
                    - unarchive: {src: "https://example.com/app.tgz", dest: /opt}
                    - unarchive: {src: /tmp/app.tgz, dest: /opt, remote_src: yes}
                    - script: missing.sh
                      args: {creates: /done}
                """;
        List<String> found = lines(problems(yaml, "roles/web/tasks/main.yml", """
                        - template: {src: nginx.conf.j2, dest: /etc/nginx.conf}
                        - template: {src: other.j2, dest: /etc/other}
                        - copy: {src: index.html, dest: /srv/}
                        - include_tasks: more.yml
                        - include_tasks: {file: found.yml}
                        """, "found.yml", "[]", "roles/web/templates/nginx.conf.j2", "x", "files/site/index.html", "<h1>",
                "roles/web/files/index.html", "<h1>", "defaults.yml", "name: x"));
        assertEquals(List.of("roles/web/tasks/main.yml:2: task 'web : template': could not find src 'other.j2'"
                        + " (looked in roles/web/templates/other.j2, roles/web/other.j2, roles/web/tasks/other.j2,"
                        + " templates/other.j2, other.j2)",
                "roles/web/tasks/main.yml:4: task 'web : include_tasks': could not find the task file 'more.yml'"
                        + " (looked in roles/web/tasks/more.yml, more.yml)",
                "site.yml:7: task 'copy': src '/etc/hosts' is a path on the controller, and a build reads only the"
                        + " files beside the playbook: give it relative to the playbook (files/…)",
                "site.yml:9: task 'unarchive': could not find src 'app.tgz' (looked in files/app.tgz, app.tgz)",
                "warning: site.yml:12: task 'script': could not find src 'missing.sh' (looked in files/missing.sh,"
                        + " missing.sh)"), found);
    }

    @Test
    void aVariableDefinedAnywhereIsNotReported() {
        String yaml = """
                - hosts: all
                  vars_files: [vars/main.yml]
                  vars: {play_var: 1}
                  tasks:
                    - set_fact: {fact_var: 2}
                    - command: echo hi
                      register: registered
                    - include_vars: {file: more.yml, name: bundle}
                    - set_fact: inline_var=3
                    - debug:
                        msg: >-
                          {{ play_var }} {{ file_var }} {{ fact_var }} {{ registered.stdout }} {{ bundle }}
                          {{ inline_var }} {{ default_var }} {{ extra_var }} {{ ansible_distribution }}
                          {{ inventory_hostname }} {{ playbook_dir }} {{ item }} {{ included_var }} {{ omit }}
                          {{ dynamic_var }} {{ loop_thing }} {{ param }}
                    - debug: {msg: "{{ lookup('env', 'HOME') }} {{ undefined_one | default('x') }}"}
                    - debug: {msg: "{{ 'yes' if other is defined else 'no' }} {% if x %}{{ y }}{% endif %}"}
                    - include_role: {name: web}
                """;
        assertEquals(List.of(), lines(problems(yaml, Set.of("extra_var"),
                "vars/main.yml", "file_var: 1",
                "roles/web/defaults/main.yml", "default_var: 1",
                "roles/web/tasks/main.yml", "- include_tasks: more-tasks.yml\n  vars: {param: 1}",
                "roles/web/tasks/more-tasks.yml", "- set_fact: {dynamic_var: 1}\n- debug: {msg: hi}\n"
                        + "  loop: [1]\n  loop_control: {loop_var: loop_thing}",
                "more.yml", "included_var: 1")));
    }

    @Test
    void anUndefinedVariableInATaskThatMayNotRunIsAWarningAndAGuardedOneIsSilent() {
        List<String> found = lines(problems("""
                - hosts: all
                  vars: {app_port: 80}
                  tasks:
                    - debug: {msg: "{{ app_prot }}"}
                      when: ansible_os_family == 'Debian'
                    - debug: {msg: hi}
                      when: enable_feature | bool
                    - debug: {msg: hi}
                      when: [other_flag is defined, other_flag == 1]
                    - debug: {msg: "{{ other_flag }}"}
                      when: other_flag is defined
                    - debug: {msg: "{{ pkg }}"}
                      loop: "{{ packges }}"
                    - debug: {msg: hi}
                      loop: "{{ packges }}"
                      when: false
                    - debug: {msg: hi}
                      ignore_errors: true
                      when: app_enabled
                """));
        assertEquals(List.of(
                "warning: site.yml:4: task 'debug': 'app_prot' is undefined (in argument 'msg'): no vars, defaults,"
                        + " vars file, set_fact, register, loop or extra var defines it; did you mean 'app_port'?",
                "site.yml:6: task 'debug': 'enable_feature' is undefined (in when): no vars, defaults, vars file,"
                        + " set_fact, register, loop or extra var defines it",
                "warning: site.yml:12: task 'debug': 'pkg' is undefined (in argument 'msg'): no vars, defaults,"
                        + " vars file, set_fact, register, loop or extra var defines it",
                "site.yml:12: task 'debug': 'packges' is undefined (in loop): no vars, defaults, vars file,"
                        + " set_fact, register, loop or extra var defines it",
                "warning: site.yml:14: task 'debug': 'packges' is undefined (in loop): no vars, defaults, vars file,"
                        + " set_fact, register, loop or extra var defines it",
                "warning: site.yml:17: task 'debug': 'app_enabled' is undefined (in when): no vars, defaults,"
                        + " vars file, set_fact, register, loop or extra var defines it"), found);
    }

    /** The differential corpus runs under ansible-playbook as under playbake: none of its cases may stop here. */
    @Test
    void noCaseOfTheCompatibilityCorpusHasACertainProblem() throws IOException {
        Path corpus = Path.of("src/test/resources/compat");
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(corpus)) {
            cases = dirs.filter(d -> Files.exists(d.resolve("playbook.yml"))).sorted().toList();
        }
        assertFalse(cases.isEmpty());
        List<String> certain = new ArrayList<>();
        int warnings = 0;
        for (Path dir : cases) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            try (Stream<Path> all = Files.walk(dir)) {
                all.filter(Files::isRegularFile).forEach(f -> files.put(dir.relativize(f).toString(), read(f)));
            }
            String text = new String(files.get("playbook.yml"), StandardCharsets.UTF_8);
            SourceFiles sources = new SourceFiles(files);
            Set<String> extraVars = new HashSet<>(Set.of("server_url"));  // the harness's vars/server.yml
            if (Files.exists(dir.resolve("extra-vars.yml"))) {
                extraVars.addAll(new Yaml().<Map<String, Object>>load(Files.readString(dir.resolve("extra-vars.yml")))
                        .keySet());
            }
            List<Problem> problems = PlaybookCheck.problems(PlaybookParser.parse("playbook.yml", text, sources),
                    new PlaybookCheck.Inputs(ModuleRegistry.standard(), "playbook.yml", text, sources, true,
                            TagSelection.ALL, extraVars));
            problems.stream().filter(Problem::certain).forEach(p -> certain.add(dir.getFileName() + ": " + p.line()));
            warnings += problems.size() - (int) problems.stream().filter(Problem::certain).count();
        }
        assertEquals(List.of(), certain);
        System.out.println("compat corpus: " + cases.size() + " cases, " + warnings + " warning(s) left to run time");
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
