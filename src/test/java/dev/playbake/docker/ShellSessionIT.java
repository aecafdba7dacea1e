package dev.playbake.docker;

import dev.playbake.connection.ConnectionException;
import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.connection.Watch;
import dev.playbake.runtime.ContainerSpec;
import dev.playbake.runtime.ImageSettings;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build container's shell session against the real engine, on each base image: every command gives what a
 * {@code docker exec} of it gives, and no output of a command can break the frames.
 */
class ShellSessionIT {

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

    /** What a command must give alike through the session and through docker exec. */
    static List<ExecRequest> requests() {
        byte[] stdin = "first line\nit's \"quoted\" $HOME \\n\n\nlast, no newline".getBytes(StandardCharsets.UTF_8);
        return List.of(
                ExecRequest.of("env"),
                ExecRequest.of("env").withEnv(Map.of("GREETING", "it's a \"$quoted\" `value`\nover two lines",
                        "PATH", "/usr/bin:/bin:/opt/x")),
                ExecRequest.of("pwd"),
                ExecRequest.of("pwd").withWorkdir("/tmp"),
                ExecRequest.of("pwd").withWorkdir("/no/such/dir"),
                ExecRequest.of("cat").withStdin(stdin),
                ExecRequest.of("cat"),
                ExecRequest.shell("read a; echo \"[$a]\"; cat; exit 7").withStdin(stdin),
                ExecRequest.of("printf", "%s|%s|%s", "a b", "it's", "$(not run)"),
                ExecRequest.shell("echo out; echo err >&2; printf 'no newline'; printf 'at the end' >&2; exit 3"),
                ExecRequest.shell("umask; id -u; echo \"$0 $#\"; test -t 0 || echo 'stdin is no tty'"),
                ExecRequest.shell("echo before; kill -9 $$; echo never"),
                ExecRequest.of("/no/such/program", "arg"));
    }

    @ParameterizedTest
    @MethodSource("baseImages")
    void everyCommandGivesWhatDockerExecGives(String image) {
        inContainer(image, connection -> {
            for (ExecRequest request : requests()) {
                ExecResult session = connection.exec(request);
                ExecResult exec = connection.throughDockerExec(request);
                String what = String.join(" ", request.argv()) + " in " + request.workdir();
                if (request.argv().get(0).startsWith("/no/such")) {
                    // docker exec answers 126 for a program it cannot start, a shell 127; CommandModule takes both
                    assertEquals(127, session.exitCode(), what);
                    assertTrue(session.stderr().contains("/no/such/program"), session.stderr());
                } else if (request.workdir().startsWith("/no/such")) {
                    assertEquals(126, session.exitCode(), what);
                    assertTrue(session.stderr().contains("/no/such/dir"), session.stderr());
                    assertTrue(exec.exitCode() != 0, "docker exec fails as well: " + exec);
                } else if (request.argv().equals(List.of("env"))) {
                    // the same variables; the order is each shell's own
                    assertEquals(exec.stdout().lines().sorted().toList(), session.stdout().lines().sorted().toList());
                    assertEquals(exec.exitCode(), session.exitCode());
                } else {
                    assertEquals(exec, session, what);
                }
            }
            assertEquals(requests().size(), connection.execCount(), "exec() counts the commands it ran");
        });
    }

    @ParameterizedTest
    @MethodSource("baseImages")
    void noOutputBreaksTheFrames(String image) {
        inContainer(image, connection -> {
            // megabytes of output: 600,000 lines, 4.5 MB
            ExecResult big = connection.exec(ExecRequest.shell("seq 1 600000; echo tail >&2"));
            assertEquals(0, big.exitCode());
            assertEquals(600000, big.stdout().lines().count());
            assertTrue(big.stdout().endsWith("\n599999\n600000\n"));
            assertEquals("tail\n", big.stderr());

            // a process the command leaves behind writes on after the command ended
            ExecResult detached = connection.exec(ExecRequest.shell(
                    "( while true; do echo noise; echo noise >&2; sleep 0.01; done ) & echo started"));
            assertTrue(detached.stdout().contains("started\n"), detached.stdout());
            for (int i = 0; i < 20; i++) {
                ExecResult next = connection.exec(ExecRequest.of("echo", "answer " + i));
                assertEquals(new ExecResult(0, "answer " + i + "\n", ""), next);
            }
            // output that looks like a header, and no output at all
            assertEquals("playbake-0 0 0 0\n", connection.exec(ExecRequest.of("echo", "playbake-0 0 0 0")).stdout());
            assertEquals(new ExecResult(0, "", ""), connection.exec(ExecRequest.of("true")));

            connection.exec(ExecRequest.shell("kill $(pgrep -f 'echo noise' 2>/dev/null || true) 2>/dev/null; exit 0"));
            ExecResult spool = connection.exec(ExecRequest.shell("ls -a /dev/shm | grep -c playbake || true"));
            assertEquals("2\n", spool.stdout(), "only the listing's own two files are in /dev/shm: " + spool);
        });
    }

    @ParameterizedTest
    @MethodSource("baseImages")
    void aContainerRemovedUnderACommandEndsItWithAConnectionError(String image) throws Exception {
        String id = docker.startContainer(new ContainerSpec(image, Map.of("playbake.dev/owner", "test")));
        DockerExecConnection connection = docker.connection(id);
        try {
            assertEquals(0, connection.exec(ExecRequest.of("true")).exitCode(), "the session is open");
            CompletableFuture<ExecResult> sleeping = CompletableFuture.supplyAsync(
                    () -> connection.exec(ExecRequest.of("sleep", "60")));
            Thread.sleep(500);
            docker.removeContainer(id);
            Exception failed = assertThrows(Exception.class, () -> sleeping.get(30, TimeUnit.SECONDS));
            assertTrue(failed.getCause() instanceof ConnectionException, String.valueOf(failed.getCause()));
            assertTrue(assertThrows(ConnectionException.class, () -> connection.exec(ExecRequest.of("true")))
                    .getMessage().contains("is gone"), "the next command finds the container gone");
        } finally {
            docker.removeContainer(id);
        }
    }

    @Test
    void aContainerWhoseShellCannotRunTheFramesIsRunWithDockerExec() {
        // a docker exec'd process has no parent in the container; a command of the session has the shell
        ExecRequest parent = ExecRequest.shell("echo $PPID");
        String source = docker.startContainer(new ContainerSpec(ENV.debianImage(), Map.of("playbake.dev/owner", "test")));
        String image;
        try {
            DockerExecConnection connection = docker.connection(source);
            assertTrue(!connection.exec(parent).stdout().equals("0\n"), "the session runs it");
            assertEquals(0, connection.exec(ExecRequest.of("rm", "/usr/bin/head")).exitCode());
            image = docker.commit(source, new ImageSettings(List.of(), List.of(),
                    List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin"), "", "", List.of(), List.of(), Map.of()));
        } finally {
            docker.removeContainer(source);
        }
        try {
            inContainer(image, connection -> {
                assertEquals("0\n", connection.exec(parent).stdout(), "docker exec runs it");
                assertEquals(new ExecResult(0, "no head needed\n", ""),
                        connection.exec(ExecRequest.of("echo", "no head needed")));
                assertEquals(2, connection.execCount());
            });
        } finally {
            docker.removeImage(image);
        }
    }

    @ParameterizedTest
    @MethodSource("baseImages")
    void aWatcherGetsARunningCommandsLinesWhileItRuns(String image) {
        // without its lines while it runs the command waits 30 s for a file that the watcher creates on "first"
        ExecRequest waiting = ExecRequest.shell("rm -f /tmp/go; echo first; echo 'grüße' >&2; i=0; "
                + "while [ ! -e /tmp/go ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done; "
                + "[ -e /tmp/go ] && echo second");
        inContainer(image, connection -> {
            // through the session, and as a docker exec of its own (another user)
            for (ExecRequest request : List.of(waiting, waiting.withUser("0"))) {
                List<String> seen = Collections.synchronizedList(new ArrayList<>());
                ExecResult result;
                try (Watch watch = connection.watch((stderr, line) -> {
                    seen.add((stderr ? "! " : "| ") + line);
                    if (line.equals("first")) {
                        docker.connection(connection.containerId()).throughDockerExec(ExecRequest.of("touch", "/tmp/go"));
                    }
                })) {
                    result = connection.exec(request);
                }
                assertEquals(new ExecResult(0, "first\nsecond\n", "grüße\n"), result, "user " + request.user());
                assertTrue(seen.containsAll(List.of("| first", "! grüße")), seen::toString);
                assertEquals(seen.size(), Set.copyOf(seen).size(), "no line twice: " + seen);
            }

            // a closed watch gets nothing, however long the command runs
            List<String> after = Collections.synchronizedList(new ArrayList<>());
            connection.watch((stderr, line) -> after.add(line)).close();
            assertEquals("late\n", connection.exec(ExecRequest.shell("echo late; sleep 2")).stdout());
            assertEquals(List.of(), after);
        });
    }

    private static void inContainer(String image, Consumer<DockerExecConnection> body) {
        String id = docker.startContainer(new ContainerSpec(image, Map.of("playbake.dev/owner", "test")));
        try {
            body.accept(docker.connection(id));
        } finally {
            docker.removeContainer(id);
        }
    }
}
