package dev.playbake.cli;

import dev.playbake.docker.DockerHost;
import dev.playbake.testing.PackagedCli;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI keeps lookup('password')'s passwords in the build context, next to the playbook, as
 * ansible-playbook does on its controller: the next build reads the same one, and no output shows it.
 */
class PasswordLookupCliIT {


    private static DockerHost docker;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        docker = DockerHost.connect(TestEnvironment.get().dockerHost());
    }

    @AfterAll
    static void close() {
        docker.close();
    }

    @Test
    void thePasswordFileIsWrittenNextToThePlaybookAndReused() throws Exception {
        String tag = "playbake-test/cli-password-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        Path playbook = dir.resolve("playbook.yml");
        Files.writeString(playbook, "- hosts: all\n  gather_facts: false\n  vars: {run: " + UUID.randomUUID() + "}\n"
                + "  tasks:\n    - name: show the password\n"
                + "      debug: {msg: \"pw {{ lookup('password', 'secrets/admin length=18') }}\"}\n");
        try {
            String first = build(playbook, tag);
            Path file = dir.resolve("secrets/admin");
            String password = Files.readString(file).strip();
            assertEquals(18, password.length(), password);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
            assertFalse(first.contains(password), first);
            assertTrue(first.contains("pw ********"), first);

            String second = build(playbook, tag);
            assertEquals(password, Files.readString(file).strip(), "the second build reads the stored password");
            assertFalse(second.contains(password), second);
        } finally {
            docker.removeImage(tag);
        }
    }

    /** Runs a build and returns everything it printed. */
    private String build(Path playbook, String tag) throws Exception {
        List<String> command = new ArrayList<>(PackagedCli.command("build",
                playbook.toString(), "--base", TestEnvironment.get().debianImage(), "-t", tag, "--progress", "plain"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
