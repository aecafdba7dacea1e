package dev.playbake.engine;

import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.SourceFiles;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleSupportTest {

    private static String problem(String module) {
        String playbook = """
                - hosts: all
                  tasks:
                    - name: first
                      debug: {msg: hi}
                    - name: the odd one
                      %s: {dest: /a}
                """.formatted(module);
        var parsed = PlaybookParser.parse("site.yml", playbook, new SourceFiles(Map.of()));
        return assertThrows(PlaybookException.class, () -> check(parsed, true)).getMessage();
    }

    @Test
    void aMisspeltModuleNamesTheClosestKnownOne() {
        assertEquals("site.yml:5: task 'the odd one': the module 'coppy' is not supported by playbake; "
                + "did you mean 'copy'?", problem("coppy"));
        assertEquals("site.yml:5: task 'the odd one': the module 'linefile' is not supported by playbake; "
                + "did you mean 'lineinfile'?", problem("linefile"));
    }

    @Test
    void aKnownUnsupportedModuleNamesItsAlternative() {
        assertEquals("site.yml:5: task 'the odd one': the module 'synchronize' is not supported by playbake; "
                + "instead use copy with a directory src (or unarchive)", problem("ansible.posix.synchronize"));
    }

    @Test
    void xmlAndHostnameNameTheirAlternatives() {
        assertTrue(problem("community.general.xml").endsWith("instead use template for a whole file, or "
                + "lineinfile/replace/blockinfile for an edit (Ansible's xml module is lxml's XPath engine, which an "
                + "image without Python does not have)"));
        assertTrue(problem("hostname").contains("a container's host name comes from the runtime"));
    }

    @Test
    void otherFamiliesPackageManagersAndServerModulesNameTheirAlternativeAndReason() {
        assertEquals("site.yml:5: task 'the odd one': the module 'zypper' is not supported by playbake; instead use a"
                + " command task: zypper --non-interactive install NAME (playbake manages apt and dnf images; zypper"
                + " is the package manager of another distribution family, which it does not implement)",
                problem("community.general.zypper"));
        assertTrue(problem("zypper_repository").contains("copy a .repo file into /etc/zypp/repos.d"));
        assertTrue(problem("community.general.pacman").contains("pacman -S --noconfirm --needed NAME"));
        assertTrue(problem("community.general.pkgng").endsWith("instead use nothing on this image: pkgng is"
                + " FreeBSD's package manager, which no Linux image runs; keep the task under the role's guard"
                + " (when: ansible_os_family == 'FreeBSD')"));
        assertTrue(problem("openbsd_pkg").contains("OpenBSD's package manager"));
        assertTrue(problem("community.postgresql.postgresql_db").contains("a build starts no services, so no server"
                + " answers this module"));
        assertTrue(problem("community.grafana.grafana_datasource").contains("/etc/grafana/provisioning/datasources"));
    }

    @Test
    void groupByAndAddHostAreAccepted() {
        assertDoesNotThrow(() -> check("group_by: {key: web}"));
        assertDoesNotThrow(() -> check("ansible.builtin.add_host: {name: x, groups: web}"));
    }

    @Test
    void anUnrelatedNameGetsNoGuess() {
        assertEquals("site.yml:5: task 'the odd one': the module 'kubernetes_thing' is not supported by playbake "
                + "(see the module table in docs/compatibility.md)", problem("kubernetes_thing"));
    }

    private static void check(String task) {
        check(task, true);
    }

    private static void check(String task, boolean artifactFolder) {
        String playbook = "- hosts: all\n  tasks:\n    - name: t\n      " + task + "\n";
        check(PlaybookParser.parse("playbook.yml", playbook, new SourceFiles(Map.of())), artifactFolder);
    }

    /** The module check alone, failing as the build does. */
    private static void check(Playbook playbook, boolean artifactFolder) {
        List<Problem> problems = ModuleSupport.problems(CertainTasks.of(playbook, TagSelection.ALL),
                ModuleRegistry.standard(), artifactFolder);
        if (!problems.isEmpty()) {
            throw new PlaybookProblems(problems);
        }
    }

    @Test
    void fetchRunsInABuildWithAnArtifactFolder() {
        assertDoesNotThrow(() -> check("ansible.builtin.fetch: {src: /etc/os-release, dest: out}"));
    }

    @Test
    void fetchWithoutAnArtifactFolderIsRefusedBeforeTheBuildNamingTheTask() {
        PlaybookException fetch = assertThrows(PlaybookException.class,
                () -> check("fetch: {src: /etc/os-release, dest: out}", false));
        assertTrue(fetch.getMessage().startsWith("playbook.yml:3: task 't': fetch writes to the build's artifact folder, "
                + "and this build has none"), fetch.getMessage());
        assertTrue(fetch.getMessage().contains("--artifacts") && fetch.getMessage().contains("docker cp"),
                fetch.getMessage());
        // in a block's rescue as much as at the top
        assertThrows(PlaybookException.class, () -> check("block: [{debug: {msg: hi}}]\n      rescue: "
                + "[{fetch: {src: /a, dest: out}}]", false));
    }

    @Test
    void theUrlAndLanguageModulesAreAccepted() {
        for (String task : new String[] {"get_url: {url: http://x/a, dest: /a}", "uri: {url: http://x/}",
                "unarchive: {src: a.tgz, dest: /a}", "community.general.archive: {path: /a}",
                "git: {repo: file:///r, dest: /a}", "pip: {name: x}"}) {
            assertDoesNotThrow(() -> check(task), task);
        }
    }

    @Test
    void dnfAndYumAreAccepted() {
        for (String task : new String[] {"dnf: {name: x}", "yum: {name: x}", "ansible.builtin.dnf: {name: x}"}) {
            assertDoesNotThrow(() -> check(task), task);
        }
    }

    @Test
    void aModuleAnsibleHasIsRefusedOnlyWhereItCertainlyRuns() {
        // Debian's Ansible has these, so it skips them under a false when; playbake leaves them to run time
        for (String task : new String[] {"zypper: {name: x}\n      when: ansible_os_family == 'Suse'",
                "community.general.pkgng: {name: x}\n      when: ansible_os_family == 'FreeBSD'",
                "community.general.openbsd_pkg: {name: x}\n      ignore_errors: true",
                "block: [{zypper_repository: {name: x}}]\n      rescue: [{debug: {msg: no repo}}]",
                "community.postgresql.postgresql_db: {name: x}\n      tags: [never]"}) {
            assertDoesNotThrow(() -> check(task), task);
        }
        assertTrue(problem("community.general.pacman").startsWith("site.yml:5: task 'the odd one': the module"
                + " 'pacman' is not supported by playbake; instead use"));
    }

    @Test
    void aNameAnsibleCannotResolveIsRefusedEvenWhereItMayNotRun() {
        // Ansible refuses the whole play: "couldn't resolve module/action"
        PlaybookException typo = assertThrows(PlaybookException.class,
                () -> check("coppy: {dest: /a}\n      when: false"));
        assertEquals("playbook.yml:3: task 't': the module 'coppy' is not supported by playbake; did you mean 'copy'?",
                typo.getMessage());
        assertThrows(PlaybookException.class, () -> check("community.general.no_such_module: {}\n      when: false"));
    }

    @Test
    void aShortNameOnlyACollectionHasResolvesWhereTheCollectionIsListed() {
        // community.general's pipx came after 2.10, so ansible-core 2.14 routes no bare pipx to it
        assertThrows(PlaybookException.class, () -> check("pipx: {name: x}\n      when: false"));
        assertDoesNotThrow(() -> check("community.general.pipx: {name: x}\n      when: false"));
        assertDoesNotThrow(() -> check("pipx: {name: x}\n      collections: [community.general]\n      when: false"));
        assertDoesNotThrow(() -> check("ansible.legacy.zypper: {name: x}\n      when: false"));
    }
}
