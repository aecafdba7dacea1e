package dev.playbake.docker;

import dev.playbake.connection.ConnectionException;
import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;
import dev.playbake.connection.FileWriteException;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
            for (int i = 0; i < 150; i++) {
                assertEquals(0, connection.exec(ExecRequest.of("true")).exitCode());
            }
            // a command that printed leaves no spool file; those of silent ones are swept every 64 commands
            ExecResult spool = connection.exec(ExecRequest.shell("for f in /dev/shm/.playbake-*; do test -s \"$f\" "
                    + "&& echo \"left: $f\"; done; set -- /dev/shm/.playbake-*; echo \"$#\""));
            assertEquals(0, spool.exitCode(), spool.toString());
            assertTrue(!spool.stdout().contains("left:"), spool.stdout());
            int files = Integer.parseInt(spool.stdout().strip());
            assertTrue(files >= 2 && files <= 2 * 64 + 2, "the spool holds a sweep's worth at most: " + files);
        });
    }

    /** Files of every kind the session writes itself, each with its replacement on the container's side. */
    private static List<FileEntry> files(String root) {
        String text = "line 1\nit's \"quoted\" $HOME `date` \\n %s %d\n\n\u00fc\u00f1\u00ed \u65e5\u672c\n";
        return List.of(
                new FileEntry(root + "/new/deep/dir/text.conf", text.getBytes(StandardCharsets.UTF_8), 0644),
                new FileEntry(root + "/private", "secret-ish\n".getBytes(StandardCharsets.UTF_8), 0600),
                new FileEntry(root + "/script.sh", "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8), 0755),
                new FileEntry(root + "/setuid", "x".getBytes(StandardCharsets.UTF_8), 04750),
                new FileEntry(root + "/no-newline", "no newline".getBytes(StandardCharsets.UTF_8), 0640),
                new FileEntry(root + "/empty", new byte[0], 0644),
                new FileEntry(root + "/replaced", "new content\n".getBytes(StandardCharsets.UTF_8), 0644),
                new FileEntry(root + "/link", "not through the link\n".getBytes(StandardCharsets.UTF_8), 0644),
                new FileEntry(root + "/later/dir/after-a-private-file", "x".getBytes(StandardCharsets.UTF_8), 0640));
    }

    private static String prepare(String root) {
        return "mkdir -p " + root + " && echo old > " + root + "/replaced && chmod 0600 " + root + "/replaced && chown 1:1 "
                + root + "/replaced && ln " + root + "/replaced " + root + "/hardlink && echo target > " + root
                + "/target && ln -s " + root + "/target " + root + "/link";
    }

    /** Mode, owner, type, size, link count and content of every file and directory under a root, the root cut off. */
    private static String described(DockerExecConnection connection, String root) {
        ExecResult listing = connection.exec(ExecRequest.shell("cd " + root + " && for f in $(find . | sort); do "
                + "echo \"$f $(stat -c '%a %u:%g %F %s %h' \"$f\") $(test -f \"$f\" && ! test -h \"$f\" && md5sum <\"$f\")\"; done"));
        assertEquals(0, listing.exitCode(), listing.toString());
        return listing.stdout();
    }

    @ParameterizedTest
    @MethodSource("baseImages")
    void filesMovedThroughTheSessionAreWhatTheArchiveEndpointMoves(String image) {
        inContainer(image, connection -> {
            for (String root : List.of("/s", "/a", "/p")) {
                assertEquals(0, connection.exec(ExecRequest.shell(prepare(root))).exitCode());
            }
            ExecResult bySession = connection.exec(SessionFiles.write(files("/s")).orElseThrow());
            assertEquals(0, bySession.exitCode(), bySession.toString());
            connection.putArchive(files("/a"));
            connection.put(files("/p"));
            String archive = described(connection, "/a");
            assertTrue(archive.contains("./link 644 0:0 regular file 21 1"), "the link is replaced: " + archive);
            assertEquals(archive, described(connection, "/s"));
            assertEquals(archive, described(connection, "/p"));
            assertEquals("target\n", connection.exec(ExecRequest.of("cat", "/s/target")).stdout());
            assertEquals("old\n", connection.exec(ExecRequest.of("cat", "/s/hardlink")).stdout());

            byte[] binary = {0, 1, (byte) 0xff, (byte) 0xfe, '\n', 0, 'x'};
            assertTrue(SessionFiles.write(List.of(new FileEntry("/b", binary, 0644))).isEmpty(), "binary is not text");
            connection.put(List.of(new FileEntry("/s/binary", binary, 0644)));
            assertEquals(0, connection.exec(ExecRequest.shell("mkdir /s/dir && head -c 9437184 /dev/zero > /s/big"))
                    .exitCode());
            for (String path : List.of("/s/binary", "/s/new/deep/dir/text.conf", "/s/empty", "/s/big", "/s/target",
                    "/s/link", "/s/dir", "/s/missing", "/no/such/dir/file")) {
                Optional<byte[]> session = connection.fetch(path);
                Optional<byte[]> archiveRead = connection.fetchArchive(path);
                assertEquals(archiveRead.isPresent(), session.isPresent(), path);
                archiveRead.ifPresent(bytes -> assertArrayEquals(bytes, session.get(), path));
            }
            assertArrayEquals(binary, connection.fetch("/s/binary").orElseThrow());

            // a write the container refuses fails the task that wrote, not the connection, both ways
            for (byte[] content : List.of("text\n".getBytes(StandardCharsets.UTF_8), binary)) {
                FileWriteException refused = assertThrows(FileWriteException.class, () -> connection.put(
                        List.of(new FileEntry("/s/target/inside", content, 0644))));
                assertTrue(refused.getMessage().startsWith("could not write /s/target/inside: "),
                        refused.getMessage());
            }
            assertEquals(0, connection.exec(ExecRequest.of("true")).exitCode(), "the session goes on");

            // text as large as one exec argument can hold, and larger: the session, then the archive endpoint
            for (int size : List.of(120_000, 600_000)) {
                byte[] large = "a line of text\n".repeat(size / 15).getBytes(StandardCharsets.UTF_8);
                connection.put(List.of(new FileEntry("/s/large-" + size, large, 0644)));
                assertArrayEquals(large, connection.fetch("/s/large-" + size).orElseThrow(), "size " + size);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("baseImages")
    void aContainerIsQuiescentOnlyWhileNothingOfTheBuildRunsInIt(String image) {
        inContainer(image, connection -> {
            assertTrue(connection.quiescent(), "only the keeper and the session");
            assertEquals(0, connection.exec(ExecRequest.shell("( while :; do date > /tmp/clock; sleep 0.2; done ) "
                    + ">/dev/null 2>&1 & echo $! > /tmp/clock.pid")).exitCode());
            assertTrue(!connection.quiescent(), "a process the last command left behind writes on");
            assertEquals(0, connection.exec(ExecRequest.shell("kill $(cat /tmp/clock.pid); sleep 0.5")).exitCode());
            assertTrue(connection.quiescent(), "quiescent again once it is gone");
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
