package dev.playbake.modules;

import dev.playbake.connection.Connection;
import dev.playbake.connection.ExecRequest;
import dev.playbake.docker.DockerHost;
import dev.playbake.engine.ControllerAccess;
import dev.playbake.engine.Engine;
import dev.playbake.engine.EngineListener;
import dev.playbake.engine.HostState;
import dev.playbake.engine.RunContext;
import dev.playbake.engine.RunResult;
import dev.playbake.engine.StepObserver;
import dev.playbake.engine.TagSelection;
import dev.playbake.engine.TaskOutcome;
import dev.playbake.engine.TaskStatus;
import dev.playbake.modules.ServiceStatePolicy;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.SourceFiles;
import dev.playbake.runtime.ContainerSpec;
import dev.playbake.secrets.Redactor;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The modules on an image with busybox only (no bash, no coreutils, no getent, no Python): a
 * playbook exercising each one runs twice with the engine, asserts the registered results itself,
 * and leaves the expected files; the second run changes nothing.
 */
class BusyboxModulesIT {

    private static final Path CASE = Path.of("src/test/resources/busybox");

    private static DockerHost docker;
    private static String container;

    @BeforeAll
    static void start() {
        docker = DockerHost.connect(TestEnvironment.get().dockerHost());
        container = docker.startContainer(new ContainerSpec(TestEnvironment.get().busyboxImage(),
                Map.of("playbake.dev/build", "busybox-modules-it", "playbake.dev/test", "busybox")));
    }

    @AfterAll
    static void stop() {
        if (container != null) {
            docker.removeContainer(container);
        }
        docker.close();
    }

    @Test
    void everyModuleWorksOnBusybox() throws IOException {
        List<TaskOutcome> first = run();
        assertTrue(first.stream().anyMatch(t -> t.status() == TaskStatus.CHANGED), "the first run changes files");

        Connection connection = docker.connection(container);
        assertEquals("listen = 8080\nmode = fast\n# BEGIN ANSIBLE MANAGED BLOCK\nextra = yes\n# END ANSIBLE MANAGED BLOCK\n",
                text(connection, "/srv/app/app.conf"));
        assertEquals("hello from target\n- ann\n- bob\n", text(connection, "/srv/app/motd"));
        assertEquals("42\n", text(connection, "/srv/app/shell.txt"));
        assertEquals("first\n", text(connection, "/srv/app/script.txt"));
        assertEquals("/srv/app/conf.d\n", connection.exec(ExecRequest.of(
                "readlink", "/srv/app/conf")).stdout());
        assertEquals("", connection.exec(ExecRequest.shell(
                "ls -A /tmp")).stdout(), "tempfile's directory was removed and script left nothing behind");

        List<TaskOutcome> second = run();
        List<String> changed = second.stream().filter(t -> t.status() == TaskStatus.CHANGED).map(TaskOutcome::name)
                .toList();
        assertEquals(List.of("tempfile"), changed, "only tempfile changes on a second run, as in Ansible");
    }

    private static String text(Connection connection, String path) {
        return new String(connection.fetch(path).orElseThrow(), StandardCharsets.UTF_8);
    }

    private List<TaskOutcome> run() throws IOException {
        SourceFiles files = new SourceFiles(read());
        List<TaskOutcome> tasks = new ArrayList<>();
        List<String> log = new ArrayList<>();
        EngineListener listener = new EngineListener() {
            @Override
            public void taskFinished(TaskOutcome outcome) {
                tasks.add(outcome);
                log.add(outcome.status() + " " + outcome.name() + " " + outcome.message() + " " + outcome.result().getOrDefault("assertion", ""));
            }

            @Override
            public void log(String line) {
                log.add(line);
            }
        };
        ModuleRegistry modules = ModuleRegistry.standard();
        var playbook = PlaybookParser.parse("playbook.yml", files.readText("playbook.yml").orElseThrow(), files);
        RunResult result = new Engine(modules).run(playbook, new RunContext(docker.connection(container), files,
                Map.of(), "target", listener, Redactor.none(), TagSelection.ALL, 0, new HostState(),
                StepObserver.NONE, () -> false, ServiceStatePolicy.RECORD, Optional.empty(), ControllerAccess.open()));
        assertInstanceOf(RunResult.Completed.class, result, () -> String.join("\n", log));
        return tasks;
    }

    private static Map<String, byte[]> read() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(CASE)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(CASE.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
