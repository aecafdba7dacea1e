package dev.playbake.engine;

import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.Location;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.SourceFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        return assertThrows(PlaybookException.class,
                () -> ArgumentCheck.check(parse(yaml, files), MODULES, TagSelection.ALL));
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
                + "contents. Supported parameters include: _original_basename, attributes, backup,"), e.getMessage());
    }

    @Test
    void aMissingRequiredArgumentIsFoundUnderNoneOfItsAliases() {
        PlaybookException e = fails("""
                - hosts: all
                  tasks:
                    - lineinfile: {line: x}
                """);
        assertEquals("site.yml:3: task 'lineinfile': missing required arguments: path", e.getMessage());
        assertDoesNotThrow(() -> ArgumentCheck.check(parse("""
                - hosts: all
                  tasks:
                    - lineinfile: {dest: /etc/x, line: x}
                    - lineinfile: dest=/etc/y line=y
                    - ansible.builtin.lineinfile: {name: /etc/z, line: "{{ omit }}"}
                """), MODULES, TagSelection.ALL));
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
        assertTrue(inRole.getMessage().contains("Unsupported parameters for (ini_file) module: optoin."));
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
        List<ArgumentCheck.Problem> problems = ArgumentCheck.problems(playbook, MODULES, TagSelection.ALL);
        assertEquals(List.of("skipped", "ignored", "looped", "rescued", "rescuer", "untagged away", "after the end",
                "handler"), problems.stream().map(p -> p.task().displayName()).toList());
        assertTrue(problems.stream().noneMatch(ArgumentCheck.Problem::certain));
        assertDoesNotThrow(() -> ArgumentCheck.check(playbook, MODULES, TagSelection.ALL));
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
        assertDoesNotThrow(() -> ArgumentCheck.check(playbook, MODULES, new TagSelection(Set.of("db"), Set.of())));
        assertThrows(PlaybookException.class,
                () -> ArgumentCheck.check(playbook, MODULES, new TagSelection(Set.of("web"), Set.of())));
    }

    @Test
    void namesAndFreeFormTextThatAreTemplatesAndEngineActionsAreNotChecked() {
        assertDoesNotThrow(() -> ArgumentCheck.check(parse("""
                - hosts: all
                  tasks:
                    - command: "{{ cmd }}"
                    - shell: echo hi
                      args: {chdir: /tmp}
                    - debug: {msg: hi, whatever: 1}
                    - template: {src: a.j2, dest: /a, trim_blocks: false}
                    - package: {name: curl, install_recommends: false}
                    - service: {name: ssh, daemon_reload: true}
                """), MODULES, TagSelection.ALL));
        PlaybookException backend = fails("""
                - hosts: all
                  tasks:
                    - package: {name: curl, stat: present}
                """);
        assertTrue(backend.getMessage().contains("Unsupported parameters for (package) module: stat."),
                backend.getMessage());
    }

    /** The differential corpus runs under ansible-playbook as under playbake: none of its cases may stop here. */
    @Test
    void noCaseOfTheCompatibilityCorpusRelyOnATolerance() throws IOException {
        Path corpus = Path.of("src/test/resources/compat");
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(corpus)) {
            cases = dirs.filter(d -> Files.exists(d.resolve("playbook.yml"))).sorted().toList();
        }
        assertFalse(cases.isEmpty());
        int problems = 0;
        for (Path dir : cases) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            try (Stream<Path> all = Files.walk(dir)) {
                all.filter(Files::isRegularFile).forEach(f -> files.put(dir.relativize(f).toString(), read(f)));
            }
            Playbook playbook = PlaybookParser.parse("playbook.yml",
                    new String(files.get("playbook.yml"), StandardCharsets.UTF_8), new SourceFiles(files));
            assertDoesNotThrow(() -> ArgumentCheck.check(playbook, MODULES, TagSelection.ALL), dir::toString);
            problems += ArgumentCheck.problems(playbook, MODULES, TagSelection.ALL).size();
        }
        System.out.println("compat corpus: " + cases.size() + " cases, " + problems + " task(s) left to run time");
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
