package dev.playbake.cli;

import dev.playbake.docker.DockerHost;
import dev.playbake.testing.CliBuild;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distribution {@code mvn package} lays out, run as an installed playbake is: its {@code bin/playbake} through a
 * symlink from another directory, on Java 17 and on JDK 25 when this machine has one, recording its class-data archive
 * on the first build and starting from it afterwards, with nothing from the JVM on stderr.
 */
class DistributionIT {

    @TempDir
    Path dir;

    private static Path distribution() throws IOException {
        try (Stream<Path> dists = Files.list(Path.of("target/dist"))) {
            return dists.filter(Files::isDirectory).findFirst().orElseThrow().toAbsolutePath();
        }
    }

    private CliBuild.Run run(Path launcher, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(launcher.toString()), Stream.of(args)).toList())
                .directory(dir.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        return new CliBuild.Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void runsFromAnotherDirectoryAndStartsFromItsArchiveOnJava17() throws Exception {
        startsFromItsArchive(Path.of(System.getProperty("java.home")), ".jsa");
    }

    @Test
    void startsFromTheAotCacheOnJdk25() throws Exception {
        Optional<Path> jdk25;
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            jdk25 = jvms.filter(p -> p.getFileName().toString().startsWith("temurin-25")).findFirst();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(jdk25.isPresent(), "no JDK 25 under /usr/lib/jvm");
        startsFromItsArchive(jdk25.get(), ".aot");
    }

    private void startsFromItsArchive(Path javaHome, String kind) throws Exception {
        Path dist = distribution();
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("bin")).resolve("playbake"),
                dist.resolve("bin/playbake"));
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Map<String, String> env = Map.of("JAVA_HOME", javaHome.toString(), "XDG_CACHE_HOME", cache.toString());
        String version = "playbake " + dist.getFileName().toString().substring("playbake-".length()) + "\n";

        CliBuild.Run first = run(link, env, "--version");
        assertEquals(new CliBuild.Run(0, version, ""), first, "before any archive");

        Path playbook = Files.createDirectories(dir.resolve("context")).resolve("playbook.yml");
        Files.writeString(playbook, "- hosts: all\n  gather_facts: false\n  tasks:\n"
                + "    - {name: write, copy: {dest: /etc/dist, content: \"" + UUID.randomUUID() + "\\n\"}}\n");
        String tag = "playbake-test/dist-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        try {
            CliBuild.Run build = run(link, env, "build", playbook.toString(), "--base",
                    TestEnvironment.get().busyboxImage(), "-t", tag, "--progress", "json",
                    "--docker-host", TestEnvironment.get().dockerHost());
            assertEquals(0, build.exit(), build.output());
            assertEquals("", build.stderr(), "the recording build printed to stderr");
            assertTrue(build.stdout().lines().allMatch(line -> line.startsWith("{")), build.stdout());
            Path jvm = cache.resolve("playbake/jvm");
            await().atMost(Duration.ofMinutes(2)).until(() -> archives(jvm).stream().anyMatch(p -> p.endsWith(kind)));

            assertEquals(new CliBuild.Run(0, version, ""), run(link, env, "--version"), "with the archive");
            // the JVM loads its classes from the archive: -Xlog:class+load names where each came from
            Path classes = dir.resolve("classes.txt");
            run(link, Map.of("JAVA_HOME", javaHome.toString(), "XDG_CACHE_HOME", cache.toString(),
                    "JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + classes), "--version");
            List<String> loaded = Files.readAllLines(classes);
            long shared = loaded.stream().filter(line -> line.contains("shared objects file")).count();
            assertTrue(shared > loaded.size() / 2, shared + " of " + loaded.size() + " classes from the archive");
        } finally {
            try (DockerHost docker = DockerHost.connect(TestEnvironment.get().dockerHost())) {
                docker.removeImage(tag);
                CliBuild.playbake("cache", "prune", "--all", "--filter", "image=" + tag, "--docker-host",
                        TestEnvironment.get().dockerHost());
            }
        }
    }

    private static List<String> archives(Path jvm) throws IOException {
        if (!Files.isDirectory(jvm)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(jvm)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
