package dev.playbake.testing;

import dev.playbake.image.RegistryCredentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code playbake build} run as a user runs it: the packaged jar in a process of its own, on busybox. */
public final class CliBuild {

    /** A finished CLI run. */
    public record Run(int exit, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }
    }

    private CliBuild() {
    }

    /** {@code playbake ARGS...} from the packaged jar, in a process of its own. */
    public static Run playbake(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(PackagedCli.command());
        command.addAll(List.of(args));
        return finish(new ProcessBuilder(command).start());
    }

    /**
     * Builds {@code playbook} from a context folder of its own under {@code dir} on {@code dockerHost}, tagged
     * {@code tag}, with a Docker config that logs in to the dev-env registry; {@code flags} come last.
     */
    public static Run run(Path dir, String playbook, String dockerHost, String tag, String... flags)
            throws IOException, InterruptedException {
        TestEnvironment env = TestEnvironment.get();
        // a folder of its own: every file beside the playbook is part of the build context
        Path file = Files.writeString(Files.createDirectories(dir.resolve("context")).resolve("playbook.yml"), playbook);
        List<String> arguments = new ArrayList<>(List.of("build", file.toString(),
                "--base", env.busyboxImage(), "-t", tag, "--progress", "plain", "--docker-host", dockerHost));
        arguments.addAll(List.of(flags));
        return playbake(dir, arguments.toArray(String[]::new));
    }

    /** Any {@code playbake} command, with a Docker config under {@code dir} that logs in to the dev-env registry. */
    public static Run playbake(Path dir, String... arguments) throws IOException, InterruptedException {
        TestEnvironment env = TestEnvironment.get();
        Path config = Files.createDirectories(dir.resolve("docker-config"));
        RegistryCredentials credentials = env.credentials(env.registry());
        Files.writeString(config.resolve("config.json"), "{\"auths\": {\"" + env.registry() + "\": {\"auth\": \""
                + Base64.getEncoder().encodeToString((credentials.username() + ":" + credentials.password())
                .getBytes(StandardCharsets.UTF_8)) + "\"}}}");
        List<String> command = new ArrayList<>(PackagedCli.command());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DOCKER_CONFIG", config.toString());
        return finish(builder.start());
    }

    private static Run finish(Process process) throws IOException, InterruptedException {
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("playbake did not end in 5 minutes");
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
