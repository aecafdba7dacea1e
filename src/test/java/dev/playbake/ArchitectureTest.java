package dev.playbake;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The direction of dependencies between playbake's packages (docs/architecture.md, "Layers and the direction of
 * dependencies"), checked on every import, and every qualified name in code, of {@code src/main/java}.
 * A package belongs to its top-level component: {@code dev.playbake.modules.files} is {@code modules}.
 */
class ArchitectureTest {

    // ---- the rule, written once -------------------------------------------------------------------------------

    /**
     * Each component and the components it may import directly. It may also import what those may (the rule is
     * the closure of these arrows) and every {@link #SHARED} package. Everything else of playbake is refused.
     */
    static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            entry("cli", Set.of("api", "docker")),
            entry("operator", Set.of("api", "docker")),
            entry("api", Set.of("imagebuild")),
            entry("imagebuild", Set.of("engine", "runtime")),
            entry("engine", Set.of("modules", "playbook")),
            entry("playbook", Set.of("template")),
            entry("template", Set.of()),
            entry("modules", Set.of("connection")),
            entry("connection", Set.of()),
            entry("docker", Set.of("connection", "runtime")),
            entry("runtime", Set.of("connection")));

    /** Low packages every other component may use; they use nothing of playbake. */
    static final Set<String> SHARED = Set.of("python", "secrets", "image");

    /** The one class-to-class arrow allowed against the components: {@code playbake operator} starts the operator. */
    static final Set<Arrow> EXCEPTIONS = Set.of(
            new Arrow("dev.playbake.cli.OperatorCommand", "dev.playbake.operator.runtime.OperatorRunner"));

    /** The components that build images and run playbooks: no framework of the shells around them. */
    static final Set<String> FRAMEWORK_FREE = Set.of(
            "imagebuild", "engine", "modules", "template", "playbook", "python", "connection", "runtime",
            "secrets", "image");

    /** Libraries kept at the edges: which components may not import them. */
    static final List<Library> LIBRARIES = List.of(
            new Library("Kubernetes (fabric8, the operator SDK)",
                    List.of("io.fabric8.", "io.kubernetes.", "io.javaoperatorsdk."), FRAMEWORK_FREE),
            new Library("Quarkus (and its CDI and config)",
                    List.of("io.quarkus.", "io.smallrye.", "org.eclipse.microprofile.", "jakarta.enterprise.",
                            "jakarta.inject."), FRAMEWORK_FREE),
            new Library("picocli", List.of("picocli."), FRAMEWORK_FREE),
            new Library("docker-java (only in docker)", List.of("com.github.dockerjava."),
                    allComponentsBut("docker")));

    // ---- the tests --------------------------------------------------------------------------------------------

    private static final Path SOURCES = Path.of("src", "main", "java");

    @Test
    void everyDependencyOfTheMainSourcesFollowsTheRule() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).sorted()
                    .forEach(file -> violations.addAll(violations(file, read(file))));
        }
        if (!violations.isEmpty()) {
            fail(violations.size() + " dependencies against the rule (docs/architecture.md, \"Layers and the"
                    + " direction of dependencies\"):\n" + String.join("\n", violations));
        }
    }

    @Test
    void theRuleHasNoCycleAndKnowsEveryComponentItNames() {
        for (String component : MAY_USE.keySet()) {
            for (String used : MAY_USE.get(component)) {
                assertTrue(MAY_USE.containsKey(used) || SHARED.contains(used), component + " → " + used + ": unknown");
            }
            assertFalse(reachable(component).contains(component), component + " reaches itself");
        }
        assertFalse(mayUse("cli", "operator") || mayUse("operator", "cli"), "cli and operator stay apart");
    }

    @Test
    void aSyntheticViolationIsNamedWithFileImportAndRule() {
        Path file = Path.of("src/main/java/dev/playbake/engine/Synthetic.java");
        List<String> found = violations(file, """
                package dev.playbake.engine;

                import dev.playbake.modules.Module;
                import dev.playbake.docker.DockerHost;
                import io.fabric8.kubernetes.api.model.Secret;

                class Synthetic {}
                """);
        assertEquals(List.of(
                file + ":4 imports dev.playbake.docker.DockerHost: engine may not use docker"
                        + " (engine may use connection, modules, playbook, template and the shared image, python,"
                        + " secrets)",
                file + ":5 imports io.fabric8.kubernetes.api.model.Secret: Kubernetes (fabric8, the operator SDK)"
                        + " is not for engine"), found);
    }

    @Test
    void qualifiedNamesInCodeCountButCommentsAndStringsDoNot() {
        Path file = Path.of("src/main/java/dev/playbake/template/Synthetic.java");
        List<String> found = violations(file, """
                package dev.playbake.template;

                /** See {@link dev.playbake.playbook.Task}: a comment. */
                class Synthetic {
                    String name = "dev.playbake.playbook.Task";
                    // dev.playbake.engine.Engine
                    Object task = new dev.playbake.playbook.Task();
                    Object text = \"""
                        io.quarkus.runtime.Quarkus
                        \""";
                }
                """);
        assertEquals(List.of(file + ":7 refers to dev.playbake.playbook.Task: template may not use playbook"
                + " (template may use only the shared image, python, secrets)"), found);
    }

    @Test
    void theOneExceptionIsThatClassToThatClass() {
        String runner = "import dev.playbake.operator.runtime.OperatorRunner;\nclass X {}\n";
        assertEquals(List.of(), violations(Path.of("cli/OperatorCommand.java"), "package dev.playbake.cli;\n" + runner));
        assertEquals(1, violations(Path.of("cli/BuildCommand.java"), "package dev.playbake.cli;\n" + runner).size());
        assertEquals(1, violations(Path.of("cli/OperatorCommand.java"),
                "package dev.playbake.cli;\nimport dev.playbake.operator.reconcile.BuildHost;\n").size());
        assertEquals(List.of("operator/X.java:2 imports dev.playbake.cli.UserCache: operator may not use cli"
                        + " (operator may use api, connection, docker, engine, imagebuild, modules, playbook, runtime,"
                        + " template and the shared image, python, secrets)",
                "operator/X.java:3 imports com.github.dockerjava.api.DockerClient: docker-java (only in docker) is not"
                        + " for operator"),
                violations(Path.of("operator/X.java"), """
                        package dev.playbake.operator.reconcile;
                        import dev.playbake.cli.UserCache;
                        import com.github.dockerjava.api.DockerClient;
                        """));
    }

    @Test
    void sharedPackagesAndUnknownPackagesAreChecked() {
        assertEquals(List.of("python/Sh.java:2 imports dev.playbake.modules.ModuleException: python may not use"
                        + " modules (python is shared: it uses nothing of playbake)"),
                violations(Path.of("python/Sh.java"), "package dev.playbake.python;\nimport dev.playbake.modules.ModuleException;\n"));
        assertEquals(List.of("misc/X.java:1 is in dev.playbake.misc: misc is no component of the rule"
                        + " (add it to ArchitectureTest.MAY_USE or SHARED, and to docs/architecture.md)"),
                violations(Path.of("misc/X.java"), "package dev.playbake.misc;\n"));
        assertEquals(List.of(), violations(Path.of("imagebuild/X.java"), """
                package dev.playbake.imagebuild.cache;
                import static dev.playbake.python.PyStrings.splitlines;
                import dev.playbake.runtime.ContainerRuntime;
                import dev.playbake.connection.Connection;
                import dev.playbake.engine.actions.ActionRegistry;
                """));
    }

    // ---- the checker ------------------------------------------------------------------------------------------

    record Arrow(String fromClass, String toClass) {}

    record Library(String name, List<String> prefixes, Set<String> notIn) {}

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");
    private static final Pattern REFERENCE = Pattern.compile("(?<![\\w.])(?:"
            + Stream.concat(Stream.of("dev.playbake."), LIBRARIES.stream().flatMap(library -> library.prefixes().stream()))
                    .map(Pattern::quote).collect(Collectors.joining("|"))
            + ")[\\w.]*\\w");

    /** What in one source file goes against the rule, one line each: file:line, the import or name, the rule. */
    static List<String> violations(Path file, String source) {
        String code = withoutCommentsAndStrings(source);
        Matcher declared = PACKAGE.matcher(code);
        if (!declared.find()) {
            return List.of();
        }
        String pkg = declared.group(1);
        String from = component(pkg + ".");
        String fromClass = pkg + "." + file.getFileName().toString().replaceFirst("\\.java$", "");
        List<String> found = new ArrayList<>();
        if (from == null || !(MAY_USE.containsKey(from) || SHARED.contains(from))) {
            found.add(file + ":" + lineOf(code, declared.start(1)) + " is in " + pkg + ": " + (from == null ? pkg : from)
                    + " is no component of the rule (add it to ArchitectureTest.MAY_USE or SHARED, and to docs/architecture.md)");
            return found;
        }
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (PACKAGE.matcher(lines[i]).find()) {
                continue;
            }
            Matcher imported = IMPORT.matcher(lines[i]);
            boolean isImport = imported.find();
            Matcher names = REFERENCE.matcher(isImport ? imported.group(1) : lines[i]);
            while (names.find()) {
                String name = names.group();
                String rule = broken(from, fromClass, name);
                if (rule != null) {
                    found.add(file + ":" + (i + 1) + (isImport ? " imports " : " refers to ") + name + ": " + rule);
                }
            }
        }
        return found;
    }

    /** The rule {@code name}, used from a class of component {@code from}, breaks; null when it breaks none. */
    private static String broken(String from, String fromClass, String name) {
        for (Library library : LIBRARIES) {
            if (library.notIn().contains(from) && library.prefixes().stream().anyMatch(name::startsWith)) {
                return library.name() + " is not for " + from;
            }
        }
        String to = component(name);
        if (to == null || to.equals(from) || EXCEPTIONS.contains(new Arrow(fromClass, typeOf(name)))) {
            return null;
        }
        if (!MAY_USE.containsKey(to) && !SHARED.contains(to)) {
            return to + " is no component of the rule";
        }
        if (mayUse(from, to)) {
            return null;
        }
        if (SHARED.contains(from)) {
            return from + " may not use " + to + " (" + from + " is shared: it uses nothing of playbake)";
        }
        Set<String> own = reachable(from);
        String shared = "the shared " + String.join(", ", new TreeSet<>(SHARED));
        return from + " may not use " + to + " (" + from + " may use "
                + (own.isEmpty() ? "only " + shared : String.join(", ", own) + " and " + shared) + ")";
    }

    static boolean mayUse(String from, String to) {
        return SHARED.contains(to) ? !SHARED.contains(from) : reachable(from).contains(to);
    }

    /** The components {@code from} reaches over the arrows of {@link #MAY_USE} (itself only over a cycle). */
    private static Set<String> reachable(String from) {
        Set<String> seen = new TreeSet<>();
        Deque<String> next = new ArrayDeque<>(MAY_USE.getOrDefault(from, Set.of()));
        while (!next.isEmpty()) {
            String component = next.pop();
            if (seen.add(component)) {
                next.addAll(MAY_USE.getOrDefault(component, Set.of()));
            }
        }
        return seen;
    }

    /** The top-level component of a playbake package or name: {@code dev.playbake.modules.files.X} is modules. */
    private static String component(String name) {
        if (!name.startsWith("dev.playbake.")) {
            return null;
        }
        String rest = name.substring("dev.playbake.".length());
        int dot = rest.indexOf('.');
        String first = dot < 0 ? rest : rest.substring(0, dot);
        return first.isEmpty() || Character.isUpperCase(first.charAt(0)) ? "" : first;
    }

    /** The type a name denotes: the part up to its first capitalised segment (a static import names a member). */
    private static String typeOf(String name) {
        StringBuilder type = new StringBuilder();
        for (String segment : name.split("\\.")) {
            type.append(type.length() == 0 ? "" : ".").append(segment);
            if (!segment.isEmpty() && Character.isUpperCase(segment.charAt(0))) {
                break;
            }
        }
        return type.toString();
    }

    /** The source with comments, string, text block and char literals blanked out; lines stay where they were. */
    static String withoutCommentsAndStrings(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            String end = source.startsWith("//", i) ? "\n"
                    : source.startsWith("/*", i) ? "*/"
                    : source.startsWith("\"\"\"", i) ? "\"\"\""
                    : c == '"' ? "\"" : c == '\'' ? "'" : null;
            if (end == null) {
                out.append(c);
                i++;
                continue;
            }
            int j = i + (c == '/' ? 2 : end.length());
            while (j < source.length() && !source.startsWith(end, j)) {
                j += source.charAt(j) == '\\' && !end.equals("\n") && !end.equals("*/") ? 2 : 1;
            }
            j = Math.min(source.length(), end.equals("\n") ? j : j + end.length());
            for (int k = i; k < j; k++) {
                out.append(source.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = j;
        }
        return out.toString();
    }

    private static int lineOf(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(ch -> ch == '\n').count() + 1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> allComponentsBut(String component) {
        Set<String> all = new TreeSet<>(SHARED);
        all.addAll(MAY_USE.keySet());
        all.remove(component);
        return Set.copyOf(all);
    }
}
