package dev.playbake.operator;

import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator jar as a process of its own against a test's API server and the dev-env Docker engine, as a pod runs
 * it: local base images allowed, the default push secret of {@link RealOperator}, its output in {@code NAME.log}.
 */
final class OperatorProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private OperatorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts one.
     *
     * @param name       the log file's name, and the replica's identity in the leader lease
     * @param instance   playbake.operator.instance
     * @param properties further system properties (without {@code -D})
     */
    static OperatorProcess start(ApiServer apiServer, Path dir, String name, String instance,
                                 Map<String, String> properties) {
        TestEnvironment env = TestEnvironment.get();
        List<String> command = new ArrayList<>(List.of("java", "-Dquarkus.profile=operator",
                "-Dquarkus.http.port=" + freePort(),
                "-Dplaybake.operator.hosts.local.uri=" + env.dockerHost(),
                "-Dplaybake.operator.instance=" + instance,
                "-Dplaybake.operator.leader-election.identity=" + name,
                "-Dplaybake.operator.allow-local-images=true",
                "-Dplaybake.operator.default-push-secret=" + RealOperator.DEFAULT_PUSH_SECRET.namespace() + "/"
                        + RealOperator.DEFAULT_PUSH_SECRET.name()));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar", "operator"));
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KUBECONFIG", Commands.kubeconfig(apiServer, dir).toString());
        try {
            return new OperatorProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Process process() {
        return process;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a signal by name (KILL, STOP, CONT), as an orchestrator or a frozen VM would. */
    void signal(String name) {
        Commands.run(List.of("kill", "-" + name, Long.toString(process.pid())), Duration.ofSeconds(10));
    }

    /** SIGTERM, then SIGKILL after a minute. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
