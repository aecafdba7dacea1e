package dev.playbake.engine.actions;

import dev.playbake.modules.ModuleRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry answers what the five hand-kept lists used to say. */
class ActionRegistryTest {

    private final ActionRegistry registry = ActionRegistry.standard();

    @Test
    void namesEveryEngineActionAndNoModule() {
        assertEquals(List.of("debug", "set_fact", "assert", "fail", "meta", "include_tasks", "include",
                "include_role", "include_vars", "template", "setup", "gather_facts", "ping", "pause", "set_stats",
                "validate_argument_spec", "group_by", "add_host"), registry.names());
        ModuleRegistry modules = ModuleRegistry.standard();
        assertTrue(registry.names().stream().noneMatch(name -> modules.find(name).isPresent()));
    }

    @Test
    void withLookupsReadTheFolderOfTheirAction() {
        assertEquals("templates", registry.lookupFolder("template"));
        assertEquals("vars", registry.lookupFolder("include_vars"));
        assertEquals("files", registry.lookupFolder("debug"));
        assertEquals("files", registry.lookupFolder("copy"));
        // a module: Ansible's rule on the name
        assertEquals("templates", registry.lookupFolder("win_template"));
    }

    @Test
    void onlyIncludesReadFilesAtRunTimeAndOnlyTemplateChangesTheContainer() {
        assertTrue(registry.readsFilesAtRunTime("include_tasks"));
        assertTrue(registry.readsFilesAtRunTime("include"));
        assertTrue(registry.readsFilesAtRunTime("include_role"));
        assertTrue(registry.readsFilesAtRunTime("include_vars"));
        assertFalse(registry.readsFilesAtRunTime("template"));
        assertFalse(registry.readsFilesAtRunTime("copy"));
        assertEquals(List.of("template"), registry.names().stream()
                .filter(name -> registry.find(name).orElseThrow().changesContainer()).toList());
    }

    @Test
    void theParserKeepsABareScalarForIncludesAndMeta() {
        assertEquals(Set.of("include_tasks", "include", "include_role", "include_vars", "meta"), registry.scalarArgumentActions());
    }

    @Test
    void metaIsTheOnlyUnreportedAction() {
        assertFalse(registry.reported("meta"));
        assertTrue(registry.reported("debug"));
        assertTrue(registry.reported("command"));
    }
}
