package dev.playbake.docker;

import dev.playbake.connection.ExecRequest;
import dev.playbake.runtime.ContainerSpec;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one trivial command costs in a build container, in its shell session and as a docker exec of its own (for
 * bench/profile). Usage: ExecCostBench IMAGE COMMANDS ROUNDS; prints a Markdown table of the median per round.
 */
public final class ExecCostBench {

    private ExecCostBench() {
    }

    public static void main(String[] args) {
        String image = args[0];
        int commands = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        try (DockerHost docker = DockerHost.local()) {
            String id = docker.startContainer(new ContainerSpec(image, Map.of("playbake.dev/owner", "bench")));
            try {
                DockerExecConnection connection = docker.connection(id);
                ExecRequest trivial = ExecRequest.of("true");
                connection.exec(trivial);
                double session = median(rounds, () -> perCommand(commands, () -> connection.exec(trivial).exitCode()));
                double exec = median(rounds, () -> perCommand(commands,
                        () -> connection.throughDockerExec(trivial).exitCode()));
                System.out.println("| path | ms per command |");
                System.out.println("|---|---:|");
                System.out.printf("| shell session | %.1f |%n", session);
                System.out.printf("| docker exec | %.1f |%n", exec);
            } finally {
                docker.removeContainer(id);
            }
        }
    }

    private static double perCommand(int commands, Supplier<Integer> command) {
        long started = System.nanoTime();
        for (int i = 0; i < commands; i++) {
            if (command.get() != 0) {
                throw new IllegalStateException("`true` failed in the build container");
            }
        }
        return (System.nanoTime() - started) / 1e6 / commands;
    }

    private static double median(int rounds, Supplier<Double> round) {
        double[] values = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            values[i] = round.get();
        }
        Arrays.sort(values);
        return values[rounds / 2];
    }
}
