package dev.playbake.docker;

import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;
import dev.playbake.runtime.ContainerSpec;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker-java against the real engine, on each base image dev-env built. */
class DockerHostIT {

    private static final TestEnvironment ENV = TestEnvironment.get();
    private static DockerHost docker;

    @BeforeAll
    static void connect() {
        docker = DockerHost.connect(ENV.dockerHost());
    }

    @AfterAll
    static void close() {
        docker.close();
    }

    static List<String> baseImages() {
        return List.of(ENV.debianImage(), ENV.debianPythonImage(), ENV.busyboxImage());
    }

    @ParameterizedTest
    @MethodSource("baseImages")
    void runsCommandsAndMovesFilesInAContainer(String image) {
        String build = UUID.randomUUID().toString();
        String id = docker.startContainer(new ContainerSpec(image,
                Map.of("playbake.dev/build", build, "playbake.dev/owner", "test")));
        try {
            DockerExecConnection connection = docker.connection(id);

            ExecResult result = connection.exec(ExecRequest
                    .shell("read line; echo \"$line-$GREETING\"; echo oops >&2; exit 3")
                    .withStdin("hello\n".getBytes(StandardCharsets.UTF_8))
                    .withEnv(Map.of("GREETING", "world")));
            assertEquals(3, result.exitCode());
            assertEquals("hello-world\n", result.stdout());
            assertEquals("oops\n", result.stderr());

            assertEquals("all of it\nto the end\n", connection.exec(ExecRequest.of("cat")
                    .withStdin("all of it\nto the end\n".getBytes(StandardCharsets.UTF_8))).stdout(), "stdin ends");
            assertEquals("/tmp\n", connection.exec(ExecRequest.of("pwd").withWorkdir("/tmp")).stdout());
            assertEquals("65534\n", connection.exec(ExecRequest.of("id", "-u").withUser("nobody")).stdout());

            byte[] content = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);
            connection.put(List.of(new FileEntry("/opt/smoke/dir/file.txt", content, 0640)));
            assertEquals("640\n", connection.exec(ExecRequest.of("stat", "-c", "%a", "/opt/smoke/dir/file.txt")).stdout());
            assertArrayEquals(content, connection.fetch("/opt/smoke/dir/file.txt").orElseThrow());
            assertTrue(connection.fetch("/opt/smoke/missing").isEmpty());
            assertEquals(5, connection.execCount());
        } finally {
            docker.removeContainer(id);
        }
        assertTrue(docker.containersLabelled("playbake.dev/build=" + build).isEmpty(), "container left behind");
    }
}
