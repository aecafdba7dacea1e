package dev.playbake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbake.docker.DockerHost;
import dev.playbake.testing.CliBuild;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code playbake cache ls IMAGE | du | prune --filter} and {@code build --no-cache} on the shared Docker daemon,
 * which holds other images' snapshots too: each command keeps to the image it is given.
 */
class CacheCommandsIT {

    private static final String BASE = TestEnvironment.get().debianImage();
    private static final String HOST = TestEnvironment.get().dockerHost();
    private static DockerHost docker;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        docker = DockerHost.connect(HOST);
    }

    @AfterAll
    static void close() {
        docker.close();
    }

    private static String repository(String name) {
        return "playbake-test/cache-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Path playbook(String name, String last) throws IOException {
        Path file = Files.createDirectories(dir.resolve(name)).resolve("playbook.yml");
        Files.writeString(file, "- hosts: all\n  gather_facts: false\n  vars: {run: " + UUID.randomUUID() + "}\n  tasks:\n"
                + "    - {name: first, copy: {dest: /etc/first, content: \"1\\n\"}}\n"
                + "    - {name: last, copy: {dest: /etc/last, content: \"" + last + "\\n\"}}\n");
        return file;
    }

    private static CliBuild.Run playbake(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--docker-host", HOST));
        return CliBuild.playbake(all.toArray(String[]::new));
    }

    /** The statuses of the build's tasks, in order. */
    private static List<String> build(Path playbook, String repository, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("build", playbook.toString(), "--base", BASE, "-t",
                repository + ":1", "--snapshots", "every", "--progress", "json"));
        if (List.of(flags).contains("--no-cache")) {
            args.remove("--snapshots");
            args.remove("every");
        }
        args.addAll(List.of(flags));
        CliBuild.Run run = playbake(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run.output());
        List<String> statuses = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : run.stdout().split("\n")) {
            if (line.startsWith("{")) {
                JsonNode node = mapper.readTree(line);
                if (node.path("type").asText().equals("step-end") && node.path("kind").asText().equals("task")) {
                    statuses.add(node.path("status").asText());
                }
            }
        }
        return statuses;
    }

    /** The rows of {@code cache ls IMAGE}, without header and total. */
    private static List<String> rows(String repository) throws Exception {
        CliBuild.Run ls = playbake("cache", "ls", repository);
        assertEquals(0, ls.exit(), ls.output());
        List<String> lines = List.of(ls.stdout().split("\n"));
        assertTrue(lines.get(0).startsWith("SNAPSHOT"), ls.stdout());
        assertTrue(lines.get(lines.size() - 1).matches(lines.size() - 2 + " snapshots, .*; prune frees .*, prune --all .*"),
                ls.stdout());
        return lines.subList(1, lines.size() - 1);
    }

    @Test
    void pruningOneImageOnASharedDaemonLeavesTheOtherImagesCacheResuming() throws Exception {
        String web = repository("web");
        String api = repository("api");
        Path webPlaybook = playbook("web", "a");
        Path apiPlaybook = playbook("api", "b");
        try {
            assertEquals(List.of("changed", "changed"), build(webPlaybook, web));
            Files.writeString(webPlaybook, Files.readString(webPlaybook).replace("\"a\\n\"", "\"edited\\n\""));
            assertEquals(List.of("cached", "changed"), build(webPlaybook, web));
            assertEquals(List.of("changed", "changed"), build(apiPlaybook, api));

            List<String> webRows = rows(web);
            assertEquals(3, webRows.size(), String.join("\n", webRows));
            String webName = "playbake-cache/" + web.substring(web.lastIndexOf('/') + 1);
            webRows.forEach(row -> assertTrue(row.startsWith(webName), row));
            // a copy of a few bytes adds bytes or kilobytes, never the base image's megabytes
            webRows.forEach(row -> assertTrue(row.split("\\s+")[1].matches("[0-9.]+k?B"), row));
            // the first build's last snapshot is superseded by the second's; the snapshot of "first" carries both
            assertEquals(1, webRows.stream().filter(row -> row.split("\\s+")[4].equals("yes")).count(),
                    String.join("\n", webRows));
            assertEquals(2, rows(api).size());

            CliBuild.Run du = playbake("cache", "du");
            assertEquals(0, du.exit(), du.output());
            assertTrue(du.stdout().lines().anyMatch(line -> line.startsWith(web + " ") && line.split("\\s+")[1].equals("3")),
                    du.stdout());
            assertTrue(du.stdout().lines().anyMatch(line -> line.startsWith(api + " ") && line.split("\\s+")[1].equals("2")),
                    du.stdout());
            assertTrue(du.stdout().lines().anyMatch(line -> line.startsWith("Total: ")), du.stdout());

            CliBuild.Run prune = playbake("cache", "prune", "--all", "--filter", "image=" + web + ":1");
            assertEquals(0, prune.exit(), prune.output());
            assertFalse(prune.stdout().contains("cache-api-"), prune.stdout());
            // what web's finished image stands on (the snapshot of "first") stays; the rest of web's cache goes
            assertEquals(1, rows(web).size(), prune.stdout());
            assertEquals(2, rows(api).size(), "api's cache was touched:\n" + prune.stdout());

            docker.removeImage(api + ":1");  // so the build resumes from the snapshots, not the finished image
            assertEquals(List.of("cached", "cached"), build(apiPlaybook, api));
        } finally {
            playbake("cache", "prune", "--all", "--filter", "image=" + web, "--filter", "image=" + api);
            docker.removeImage(web + ":1");
            docker.removeImage(api + ":1");
            playbake("cache", "prune", "--all", "--filter", "image=" + web, "--filter", "image=" + api);
        }
    }

    @Test
    void noCacheRunsEveryTaskAndLeavesAFreshCache() throws Exception {
        String image = repository("nocache");
        Path file = playbook("nocache", "c");
        try {
            assertEquals(List.of("changed", "changed"), build(file, image, "--no-cache"));
            assertFalse(rows(image).isEmpty(), "--no-cache left no snapshot");
            assertEquals(List.of("cached", "cached"), build(file, image));
            assertEquals(List.of("changed", "changed"), build(file, image, "--no-cache"));
            docker.removeImage(image + ":1");
            assertEquals(List.of("cached", "cached"), build(file, image), "the snapshots of --no-cache resume a build");
        } finally {
            docker.removeImage(image + ":1");
            playbake("cache", "prune", "--all", "--filter", "image=" + image);
        }
    }

    @Test
    void aFilterItCannotReadExitsTwo() throws Exception {
        CliBuild.Run bad = playbake("cache", "prune", "--filter", "until=soon");
        assertEquals(2, bad.exit(), bad.output());
        assertTrue(bad.stderr().contains("--filter until=soon: 'soon' is not a duration"), bad.stderr());
        CliBuild.Run image = playbake("cache", "ls", "Hello World");
        assertEquals(2, image.exit(), image.output());
        assertTrue(image.stderr().contains("IMAGE Hello World: 'Hello World' is not an image reference"), image.stderr());
    }
}
