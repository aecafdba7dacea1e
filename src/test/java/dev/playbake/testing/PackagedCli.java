package dev.playbake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code playbake} as a user runs it: the distribution's bin/playbake, which mvn package lays out before the ITs
 * run. It records no class-data archive here ({@code PLAYBAKE_JVM_ARCHIVE=0}), so the launcher execs the JVM at
 * once: the process a test starts is the JVM, and a signal it sends reaches the build.
 */
public final class PackagedCli {

    private PackagedCli() {
    }

    /** The command line of {@code playbake ARGS...}; {@code env} and the launcher exec, so the PID is the JVM's. */
    public static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of("env", "PLAYBAKE_JVM_ARCHIVE=0", launcher().toString()));
        command.addAll(args);
        return command;
    }

    public static List<String> command(String... args) {
        return command(List.of(args));
    }

    private static Path launcher() {
        try (Stream<Path> dists = Files.list(Path.of("target/dist"))) {
            return dists.filter(Files::isDirectory).map(dist -> dist.resolve("bin/playbake")).filter(Files::isExecutable)
                    .findFirst().orElseThrow(() -> new IllegalStateException("no target/dist/*/bin/playbake: run mvn package"))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("no target/dist: run mvn package", e);
        }
    }
}
