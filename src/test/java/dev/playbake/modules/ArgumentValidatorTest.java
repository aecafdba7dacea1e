package dev.playbake.modules;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.dict;
import static dev.playbake.modules.Argument.integer;
import static dev.playbake.modules.Argument.list;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgumentValidatorTest {

    private static final ArgumentSpec SPEC = ArgumentSpec.of(
            path("path").required().aliases("dest", "name"), str("state").choices("absent", "present"),
            bool("backup"), integer("retries"), str("line").aliases("value"), str("content"), str("src"),
            list("groups").choices("wheel", "adm"), dict("headers"), str("mode").defaultsTo("0644"))
            .mutuallyExclusive("content", "src");

    private static String error(Map<String, Object> args) {
        return assertThrows(ModuleException.class, () -> ArgumentValidator.validate("demo", SPEC, args)).getMessage();
    }

    @Test
    void anUnknownNameListsEveryArgumentWithItsAliasesAsAnsibleDoes() {
        assertEquals("Unsupported parameters for (demo) module: colour, size. Supported parameters include: backup,"
                + " content, groups, headers, line (value), mode, path (dest, name), retries, src, state.",
                error(Map.of("path", "/x", "size", 1, "colour", "red")));
    }

    @Test
    void internalArgumentsAreAlwaysAccepted() {
        assertEquals("/x", ArgumentValidator.validate("demo", SPEC, Map.of("path", "/x", "_raw_params", "a b",
                "_original_basename", "b")).get("path"));
    }

    @Test
    void aRequiredArgumentMayComeUnderAnAliasWhoseValueIsAlsoTheArgumentsAndDefaultsFillTheRest() {
        Map<String, Object> validated = ArgumentValidator.validate("demo", SPEC, Map.of("dest", "/etc/x", "value", "l"));
        assertEquals("/etc/x", validated.get("path"));
        assertEquals("/etc/x", validated.get("dest"));
        assertEquals("l", validated.get("line"));
        assertEquals("0644", validated.get("mode"));
        assertEquals("0600", ArgumentValidator.validate("demo", SPEC, Map.of("path", "/x", "mode", "0600")).get("mode"));
    }

    @Test
    void aMissingRequiredArgumentComesBeforeAnUnknownOneAsInAnsible() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("pth", "/x");
        args.put("path", null);
        assertEquals("missing required arguments: path", error(args));
    }

    @Test
    void choicesAreAnsiblesTextInTheDeclaredOrder() {
        assertEquals("value of state must be one of: absent, present, got: gone", error(Map.of("path", "/x", "state", "gone")));
        assertEquals("value of groups must be one or more of: wheel, adm. Got no match for: staff",
                error(Map.of("path", "/x", "groups", List.of("wheel", "staff"))));
    }

    @Test
    void typesAreCheckedWithTheMessagesArgsGives() {
        assertEquals("argument 'backup' is of type str and we were unable to convert to bool: 'maybe' is not a valid "
                + "boolean", error(Map.of("path", "/x", "backup", "maybe")));
        assertEquals("argument 'retries' must be an integer, not 'many'", error(Map.of("path", "/x", "retries", "many")));
        assertTrue(error(Map.of("path", "/x", "headers", List.of("a"))).startsWith(
                "argument 'headers' is of type <class 'list'> and we were unable to convert to dict"));
        ArgumentValidator.validate("demo", SPEC, Map.of("path", "/x", "backup", "yes", "retries", "3",
                "headers", Map.of("a", "b")));
    }

    @Test
    void exclusiveAndOneOfGroups() {
        assertEquals("parameters are mutually exclusive: content|src", error(Map.of("path", "/x", "content", "a", "src", "b")));
        ArgumentSpec oneOf = ArgumentSpec.of(str("name").aliases("pkg"), str("requirements"))
                .requiredOneOf("name", "requirements").mutuallyExclusive("name", "requirements");
        assertEquals("one of the following is required: name, requirements", assertThrows(ModuleException.class,
                () -> ArgumentValidator.validate("pip", oneOf, Map.of())).getMessage());
        assertEquals("parameters are mutually exclusive: name|requirements", assertThrows(ModuleException.class,
                () -> ArgumentValidator.validate("pip", oneOf, Map.of("pkg", "a", "requirements", "r.txt"))).getMessage());
        assertEquals("a", ArgumentValidator.validate("pip", oneOf, Map.of("pkg", "a")).get("name"));
    }

    @Test
    void theRegistryValidatesBeforeTheModuleRuns() {
        var connection = ModuleHarness.connection();
        ModuleException e = assertThrows(ModuleException.class,
                () -> ModuleHarness.run("copy", connection, Map.of("dest", "/x", "contents", "y")));
        assertTrue(e.getMessage().startsWith("Unsupported parameters for (copy) module: contents. Supported parameters"
                + " include: _original_basename, attributes, backup, checksum, content, decrypt, dest, "), e.getMessage());
        assertEquals(0, connection.execCount(), "nothing ran in the container");
    }

    @Test
    void everyModuleDeclaresASpecAndEveryAliasBelongsToOneArgument() {
        for (String name : ModuleHarness.MODULES.names()) {
            ArgumentSpec spec = ModuleHarness.MODULES.find(name).orElseThrow().argumentSpec();
            // Ansible's service_facts takes no argument: its spec is rightly empty
            assertTrue(!spec.arguments().isEmpty() || name.equals("service_facts"), name);
            List<String> names = spec.names();
            assertEquals(names.size(), names.stream().distinct().count(), () -> name + ": " + names);
        }
    }
}
