package dev.playbake.operator;

import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the command-line tools the tests drive (helm, kubectl, docker) and captures what they print. */
final class Commands {

    /** What a finished command left. */
    record Result(int exitCode, String stdout, String stderr) {

        /** The output, or a failure that shows what the command said. */
        String orFail(List<String> command) {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + exitCode + "\n" + stdout + stderr);
            }
            return stdout;
        }
    }

    private Commands() {
    }

    static Result run(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs it and returns its standard output; fails the test when it exits non-zero. */
    static String ok(List<String> command) {
        return run(command, Duration.ofMinutes(2)).orFail(command);
    }

    /** kubectl from dev-env's kube-api-test directory, talking to this API server. */
    static List<String> kubectl(Path kubeconfig, String... args) {
        TestEnvironment env = TestEnvironment.get();
        List<String> command = new ArrayList<>(List.of(env.value("kube.dir") + "/k8s/" + env.value("kube.version")
                + "-linux-amd64/kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** The API server's kubeconfig as a file, for tools that read one. */
    static Path kubeconfig(ApiServer apiServer, Path dir) {
        try {
            return Files.writeString(dir.resolve("kubeconfig"), apiServer.kubeConfigYaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
