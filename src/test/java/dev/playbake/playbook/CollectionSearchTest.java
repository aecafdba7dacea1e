package dev.playbake.playbook;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.playbake.playbook.PlaybookParserTest.files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CollectionSearchTest {

    private static final String SITE = "collections/ansible_collections/acme/web/roles/site/";
    private static final String BASE = "collections/ansible_collections/acme/web/roles/base/";

    @Test
    void aPlaysCollectionsFindItsRolesByShortNamesAndTheRolesSearchTheirOwnCollection() {
        Playbook playbook = PlaybookParser.parse("site.yml", """
                - hosts: all
                  collections: [acme.web]
                  roles: [site, plain]
                  tasks:
                    - copy: {dest: /a, content: x}
                """, files(
                SITE + "tasks/main.yml", "- copy: {dest: /s, content: x}\n",
                SITE + "meta/main.yml", "dependencies: [base]\n",
                BASE + "tasks/main.yml", "- file: {path: /b, state: directory}\n",
                "roles/plain/tasks/main.yml", "- file: {path: /p, state: directory}\n"));
        Play play = playbook.plays().get(0);
        Block site = assertInstanceOf(Block.class, play.tasks().get(0));
        Role role = site.role().orElseThrow();
        assertEquals("acme.web.site", role.name());
        assertEquals("site", role.shortName());
        assertEquals(Optional.of("acme.web"), role.collection());
        assertEquals(List.of("acme.web", "ansible.builtin"), role.collections());
        Block base = assertInstanceOf(Block.class, site.block().get(0));
        assertEquals("acme.web.base", base.role().orElseThrow().name());
        Task siteTask = assertInstanceOf(Task.class, site.block().get(1));
        assertEquals(List.of("acme.web", "ansible.builtin"), siteTask.collections());
        assertEquals("copy", siteTask.action());
        Block plain = assertInstanceOf(Block.class, play.tasks().get(1));
        assertEquals(Optional.empty(), plain.role().orElseThrow().collection());
        // roles do not inherit the play's collections
        assertEquals(List.of(), assertInstanceOf(Task.class, plain.block().get(0)).collections());
        assertEquals(List.of("acme.web", "ansible.legacy"),
                assertInstanceOf(Task.class, play.tasks().get(2)).collections());
    }

    @Test
    void aShortModuleNameResolvesThroughTheListedCollectionsInOrder() {
        Playbook playbook = PlaybookParser.parse("site.yml", """
                - hosts: all
                  tasks:
                    - docker_container: {name: x}
                    - collections: [community.docker]
                      docker_container: {name: x}
                    - collections: [ansible.builtin, community.docker]
                      docker_container: {name: x}
                    - collections: [community.general]
                      ini_file: {path: /x}
                """, files());
        List<String> actions = playbook.plays().get(0).tasks().stream()
                .map(step -> assertInstanceOf(Task.class, step).action()).toList();
        // 2.14 redirects the bare name to community.docker, which playbake keeps short as Ansible prints it
        assertEquals(List.of("docker_container", "community.docker.docker_container", "docker_container",
                "ini_file"), actions);
    }

    @Test
    void aRolesMetaCollectionsReachItsIncludeRoleAndDependencies() {
        Playbook playbook = PlaybookParser.parse("site.yml", """
                - hosts: all
                  roles: [plain]
                """, files(
                "roles/plain/meta/main.yml", "collections: [acme.web]\ndependencies: [base]\n",
                "roles/plain/tasks/main.yml", "- import_role: {name: base}\n",
                BASE + "tasks/main.yml", "- file: {path: /b, state: directory}\n"));
        Block plain = assertInstanceOf(Block.class, playbook.plays().get(0).tasks().get(0));
        assertEquals(List.of("acme.web", "ansible.legacy"), plain.role().orElseThrow().collections());
        Block dependency = assertInstanceOf(Block.class, plain.block().get(0));
        assertEquals("acme.web.base", dependency.role().orElseThrow().name());
        Block imported = assertInstanceOf(Block.class, plain.block().get(1));
        Block importedRole = assertInstanceOf(Block.class, imported.block().get(0));
        assertEquals("acme.web.base", importedRole.role().orElseThrow().name());
    }

    @Test
    void aCollectionsEntryThatIsNotANameIsRefusedWithItsPlace() {
        PlaybookException error = assertThrows(PlaybookException.class, () -> PlaybookParser.parse("site.yml", """
                - hosts: all
                  collections: [{name: acme.web}]
                  tasks: []
                """, files()));
        assertTrue(error.getMessage().contains("site.yml:1"), error.getMessage());
        assertTrue(error.getMessage().contains("'collections' of the play must list collection names"),
                error.getMessage());
    }
}
