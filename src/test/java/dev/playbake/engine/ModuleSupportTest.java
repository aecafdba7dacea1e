package dev.playbake.engine;

import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.SourceFiles;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleSupportTest {

    private static void check(String task) {
        String playbook = "- hosts: all\n  tasks:\n    - name: t\n      " + task + "\n";
        ModuleSupport.check(PlaybookParser.parse("playbook.yml", playbook, new SourceFiles(Map.of())), ModuleRegistry.standard());
    }

    @Test
    void fetchAndSynchronizeAreRefusedWithTheirAlternative() {
        PlaybookException fetch = assertThrows(PlaybookException.class, () -> check("fetch: {src: /etc/os-release, dest: out}"));
        assertTrue(fetch.getMessage().contains("'fetch' is not supported") && fetch.getMessage().contains("docker cp"),
                fetch.getMessage());
        PlaybookException sync = assertThrows(PlaybookException.class,
                () -> check("ansible.posix.synchronize: {src: a, dest: /b}"));
        assertTrue(sync.getMessage().contains("copy with a directory src"), sync.getMessage());
    }

    @Test
    void theUrlAndLanguageModulesAreAccepted() {
        for (String task : new String[] {"get_url: {url: http://x/a, dest: /a}", "uri: {url: http://x/}",
                "unarchive: {src: a.tgz, dest: /a}", "community.general.archive: {path: /a}",
                "git: {repo: file:///r, dest: /a}", "pip: {name: x}"}) {
            assertDoesNotThrow(() -> check(task), task);
        }
    }
}
