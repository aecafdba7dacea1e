package dev.playbake.engine;

import dev.playbake.modules.ModuleException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimeInventoryTest {

    private final HostState state = new HostState();
    private final RuntimeInventory inventory = new RuntimeInventory("target", state);

    @Test
    void anUngroupedHostIsInUngroupedAndEveryPlayRunsOnIt() {
        assertEquals(List.of("ungrouped"), inventory.groupNames());
        assertEquals(Map.of("all", List.of("target"), "ungrouped", List.of("target")), inventory.groups());
        // before any group exists, host patterns name the user's inventory, which a build does not have
        assertTrue(inventory.selects("webservers"));
        assertTrue(inventory.selects("os_RedHat"));
    }

    @Test
    void groupByIsAChangeOnlyTheFirstTimeAndJoinsTheParents() {
        // checked with ansible-playbook 2.14: changed, then ok; spaces become dashes; 'all' is no group name
        Map<String, Object> first = inventory.groupBy(Map.of("key", "web servers", "parents", List.of("linux", "all systems")));
        assertEquals(true, first.get("changed"));
        assertEquals("web-servers", first.get("add_group"));
        assertEquals(List.of("linux", "all-systems"), first.get("parent_groups"));
        // a new link to 'all' is a change (Ansible: the group had parents, so it was no child of 'all' yet)
        assertEquals(true, inventory.groupBy(Map.of("key", "web servers")).get("changed"));
        assertEquals(false, inventory.groupBy(Map.of("key", "web servers")).get("changed"));
        assertEquals(false, inventory.groupBy(Map.of("key", "web servers", "parents", "linux")).get("changed"));
        assertEquals(List.of("all-systems", "linux", "web-servers"), inventory.groupNames());
        assertEquals(List.of(), inventory.groups().get("ungrouped"));
        assertEquals(List.of("target"), inventory.groups().get("linux"));
    }

    @Test
    void groupByNeedsAKeyAndRefusesOtherOptions() {
        assertEquals("the 'key' param is required when using group_by",
                assertThrows(ModuleException.class, () -> inventory.groupBy(Map.of())).getMessage());
        assertEquals("Invalid options for group_by: _raw_params", assertThrows(ModuleException.class,
                () -> inventory.groupBy(Map.of("key", "a", "_raw_params", "x"))).getMessage());
    }

    @Test
    void addHostSetsGroupsAndVarsOfTheBuildHostOnly() {
        assertEquals(true, inventory.addHost(Map.of("name", "target", "groups", "web, app", "tier", "front")).get("changed"));
        assertEquals(false, inventory.addHost(Map.of("name", "target", "groups", List.of("web"), "tier", "front")).get("changed"));
        assertEquals(true, inventory.addHost(Map.of("hostname", "target", "tier", "back")).get("changed"));
        assertEquals(Map.of("tier", "back"), state.inventory().vars);
        assertEquals(List.of("app", "web"), inventory.groupNames());
        ModuleException other = assertThrows(ModuleException.class,
                () -> inventory.addHost(Map.of("name", "db1", "groups", "db")));
        assertTrue(other.getMessage().startsWith("add_host: a build has one host, the build container 'target', "
                + "and cannot add 'db1'"), other.getMessage());
    }

    @Test
    void onceGroupedPatternsAreMatchedAsAnsibleDoes() {
        inventory.groupBy(Map.of("key", "os_Debian"));
        inventory.addHost(Map.of("name", "target", "groups", "web,app"));
        assertTrue(inventory.selects("os_Debian"));
        assertFalse(inventory.selects("os_RedHat"));
        assertTrue(inventory.selects("all"));
        assertTrue(inventory.selects("target"));
        assertTrue(inventory.selects("db,web"));
        assertTrue(inventory.selects("web:&app"));
        assertFalse(inventory.selects("web:&db"));
        assertFalse(inventory.selects("all:!app"));
        assertFalse(inventory.selects("!db"));
        assertTrue(inventory.selects("os_*"));
        assertFalse(inventory.selects("role_*"));
        assertTrue(inventory.selects("~^w.b$"));
    }

    @Test
    void theRunTimeInventoryIsRestoredFromASnapshot() {
        inventory.groupBy(Map.of("key", "os_Debian"));
        inventory.addHost(Map.of("name", "target", "port", 8080));
        HostState restored = HostState.restore(state.export());
        assertEquals(List.of("os_Debian"), new RuntimeInventory("target", restored).groupNames());
        assertEquals(Map.of("port", 8080), restored.inventory().vars);
    }
}
