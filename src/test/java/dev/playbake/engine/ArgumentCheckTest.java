package dev.playbake.engine;

import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.Location;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.SourceFiles;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgumentCheckTest {

    private static final ModuleRegistry MODULES = ModuleRegistry.standard();

    private static Playbook parse(String yaml, String... pathsAndContents) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return PlaybookParser.parse("site.yml", yaml, new SourceFiles(files));
    }

    private static PlaybookException fails(String yaml, String... files) {
        return assertThrows(PlaybookException.class, () -> check(parse(yaml, files), TagSelection.ALL));
    }

    /** The argument check alone, failing as the build does on a certain problem. */
    private static void check(Playbook playbook, TagSelection selection) {
        List<Problem> certain = ArgumentCheck.problems(playbook, MODULES, selection).stream()
                .filter(Problem::certain).toList();
        if (!certain.isEmpty()) {
            throw new PlaybookProblems(certain);
        }
    }

    @Test
    void aTypoNamesFileLineTaskAndWhatTheModuleTakes() {
        PlaybookException e = fails("""
                - hosts: all
                  tasks:
                    - name: fine
                      file: {path: /etc/x, state: directory}
                    - name: write it
                      copy: {dest: /etc/x/y, contents: hello}
                """);
        assertEquals(new Location("site.yml", 5), e.location());
        assertEquals("write it", e.task());
        assertTrue(e.getMessage().startsWith("site.yml:5: task 'write it': Unsupported parameters for (copy) module: "
                + "contents (did you mean 'content'?). Supported parameters include: _original_basename, attributes, backup,"), e.getMessage());
    }

    @Test
    void aMissingRequiredArgumentIsFoundUnderNoneOfItsAliases() {
        PlaybookException e = fails("""
                - hosts: all
                  tasks:
                    - lineinfile: {line: x}
                """);
        assertEquals("site.yml:3: task 'lineinfile': missing required arguments: path", e.getMessage());
        assertDoesNotThrow(() -> check(parse("""
                - hosts: all
                  tasks:
                    - lineinfile: {dest: /etc/x, line: x}
                    - lineinfile: dest=/etc/y line=y
                    - ansible.builtin.lineinfile: {name: /etc/z, line: "{{ omit }}"}
                """), TagSelection.ALL));
    }

    @Test
    void tasksInBlocksRolesAndTheirRescueAreWalked() {
        PlaybookException inBlock = fails("""
                - hosts: all
                  tasks:
                    - block:
                        - name: in block
                          command: /bin/true
                      always:
                        - name: cleanup
                          file: {path: /tmp/x, stat: absent}
                """);
        assertEquals("cleanup", inBlock.task());
        assertEquals(7, inBlock.location().line());
        PlaybookException inRole = fails("""
                - hosts: all
                  roles: [web]
                """, "roles/web/tasks/main.yml", """
                - name: conf
                  ini_file: {path: /etc/a.ini, section: s, optoin: o, value: v}
                """);
        assertEquals("web : conf", inRole.task());
        assertEquals(new Location("roles/web/tasks/main.yml", 1), inRole.location());
        assertTrue(inRole.getMessage().contains("Unsupported parameters for (ini_file) module: optoin (did you mean 'option'?)."));
    }

    @Test
    void aTaskThatMayNotRunOrWhoseFailureIsToleratedIsLeftToRunTime() {
        Playbook playbook = parse("""
                - hosts: all
                  tasks:
                    - name: skipped
                      copy: {dest: /x, contents: y}
                      when: false
                    - name: ignored
                      copy: {dest: /x, contents: y}
                      ignore_errors: true
                    - name: looped
                      copy: {dest: "/{{ item }}", contents: y}
                      loop: []
                    - block:
                        - name: rescued
                          copy: {dest: /x, contents: y}
                      rescue:
                        - name: rescuer
                          copy: {dest: /x, contents: y}
                    - name: untagged away
                      copy: {dest: /x, contents: y}
                      tags: [never]
                    - name: ends
                      meta: end_play
                      when: true
                    - name: after the end
                      copy: {dest: /x, contents: y}
                  handlers:
                    - name: handler
                      copy: {dest: /x, contents: y}
                """);
        List<Problem> problems = ArgumentCheck.problems(playbook, MODULES, TagSelection.ALL);
        assertEquals(List.of("skipped", "ignored", "looped", "rescued", "rescuer", "untagged away", "after the end",
                "handler"), problems.stream().map(p -> p.task().displayName()).toList());
        assertTrue(problems.stream().noneMatch(Problem::certain));
        assertDoesNotThrow(() -> check(playbook, TagSelection.ALL));
    }

    @Test
    void aTaskTheTagsLeaveOutIsNotCertainButATaggedOneIs() {
        Playbook playbook = parse("""
                - hosts: all
                  tasks:
                    - name: tagged
                      copy: {dest: /x, contents: y}
                      tags: [web]
                """);
        assertDoesNotThrow(() -> check(playbook, new TagSelection(Set.of("db"), Set.of())));
        assertThrows(PlaybookException.class,
                () -> check(playbook, new TagSelection(Set.of("web"), Set.of())));
    }

    @Test
    void namesAndFreeFormTextThatAreTemplatesAndEngineActionsAreNotChecked() {
        assertDoesNotThrow(() -> check(parse("""
                - hosts: all
                  tasks:
                    - command: "{{ cmd }}"
                    - shell: echo hi
                      args: {chdir: /tmp}
                    - debug: {msg: hi, whatever: 1}
                    - template: {src: a.j2, dest: /a, trim_blocks: false}
                    - package: {name: curl, install_recommends: false}
                    - service: {name: ssh, daemon_reload: true}
                """), TagSelection.ALL));
        PlaybookException backend = fails("""
                - hosts: all
                  tasks:
                    - package: {name: curl, stat: present}
                """);
        assertTrue(backend.getMessage().contains("Unsupported parameters for (package) module: stat (did you mean 'state'?)."),
                backend.getMessage());
    }
}
