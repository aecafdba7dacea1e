package dev.playbake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbake.connection.ExecRequest;
import dev.playbake.docker.DockerHost;
import dev.playbake.runtime.ImageSettings;
import dev.playbake.testing.PackagedCli;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged CLI as a user runs it: exit codes, JSON progress, manifests, cancellation, cache commands. */
class PlaybakeCliIT {

    private static final String BASE = TestEnvironment.get().debianImage();
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

    /** A finished CLI run. */
    record Run(int exit, String stdout, String stderr) {
    }

    private Run playbake(String... args) throws IOException, InterruptedException {
        return playbakeWith(java.util.Map.of(), args);
    }

    private Run playbakeWith(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(PackagedCli.command());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private Path playbook(String tasks) throws IOException {
        Path file = dir.resolve("playbook.yml");
        Files.writeString(file, "- hosts: all\n  gather_facts: false\n  vars: {run: " + UUID.randomUUID() + "}\n  tasks:\n" + tasks);
        return file;
    }

    @Test
    void buildsWithJsonProgressAndRebuildsFromTheCache() throws Exception {
        String tag = "playbake-test/cli-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        Path file = playbook("    - name: write\n      copy: {dest: /etc/cli.txt, content: \"{{ word }}\\n\"}\n");
        try {
            Run first = playbake("build", file.toString(), "--base", BASE, "-t", tag, "-e", "word=hello", "--progress", "json");
            assertEquals(0, first.exit(), first.stderr() + first.stdout());
            List<JsonNode> lines = json(first.stdout());
            List<JsonNode> steps = ofType(lines, "step-end");
            assertEquals("write", steps.get(0).path("name").asText());
            assertEquals("changed", steps.get(0).path("status").asText());
            JsonNode result = lines.get(lines.size() - 1);
            assertEquals("result", result.path("type").asText());
            assertEquals(tag, result.path("image").asText());
            assertTrue(result.path("imageId").asText().startsWith("sha256:"));

            Run second = playbake("build", file.toString(), "--base", BASE, "-t", tag, "-e", "word=hello", "--progress", "json");
            assertEquals("cached", ofType(json(second.stdout()), "step-end").get(0).path("status").asText());
            assertEquals(result.path("imageId").asText(), ofType(json(second.stdout()), "result").get(0)
                    .path("imageId").asText());

            Run ls = playbake("cache", "ls");
            assertEquals(0, ls.exit());
            assertTrue(ls.stdout().contains("playbake-cache/cli-"), ls.stdout());
        } finally {
            docker.removeImage(tag);
        }
    }

    @Test
    void runsOnlyTheTasksTheTagsSelect() throws Exception {
        String tag = "playbake-test/cli-tags-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        Path file = playbook("    - name: web task\n      command: echo web\n      tags: [web]\n"
                + "    - name: db task\n      command: echo db\n      tags: [db]\n"
                + "    - name: skipped web task\n      command: echo slow\n      tags: [web, slow]\n"
                + "    - name: always task\n      command: echo always\n      tags: [always]\n");
        try {
            Run run = playbake("build", file.toString(), "--base", BASE, "-t", tag, "--tags", "web", "--skip-tags",
                    "slow", "--progress", "json");
            assertEquals(0, run.exit(), run.stderr() + run.stdout());
            List<String> tasks = ofType(json(run.stdout()), "step-end").stream()
                    .map(line -> line.path("name").asText()).toList();
            assertEquals(List.of("web task", "always task"), tasks);
        } finally {
            docker.removeImage(tag);
        }
    }

    @Test
    void aManifestsTagSelectionStandsUnlessTheFlagsGiveOne() throws Exception {
        String tag = "playbake-test/cli-manifest-tags-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        Path manifest = dir.resolve("tags-imagebuild.yaml");
        Files.writeString(manifest, """
                apiVersion: playbake.dev/v1alpha1
                kind: ImageBuild
                metadata: {name: tags}
                spec:
                  baseImage: %s
                  output: {image: "%s"}
                  onlyTags: [web]
                  skipTags: [slow]
                  playbook: |
                    - hosts: all
                      gather_facts: false
                      tasks:
                        - {name: web task, command: echo web, tags: [web]}
                        - {name: db task, command: echo db, tags: [db]}
                        - {name: skipped web task, command: echo slow, tags: [web, slow]}
                        - {name: always task, command: echo always, tags: [always]}
                """.formatted(BASE, tag));
        try {
            // --no-cache: a build resumed from a snapshot lists every task of the cached steps, selected or not
            assertEquals(List.of("web task", "always task"),
                    tasksRun(playbake("build", manifest.toString(), "--no-cache", "--progress", "json")));
            assertEquals(List.of("db task", "always task"),
                    tasksRun(playbake("build", manifest.toString(), "--tags", "db", "--no-cache", "--progress", "json")));
        } finally {
            docker.removeImage(tag);
        }
    }

    private static List<String> tasksRun(Run run) throws IOException {
        assertEquals(0, run.exit(), run.stderr() + run.stdout());
        return ofType(json(run.stdout()), "step-end").stream().map(line -> line.path("name").asText()).toList();
    }

    @Test
    void exitCodesTellBadInputFailuresAndUnreachableHosts() throws Exception {
        Files.writeString(dir.resolve("broken.yml"), "- hosts: all\n  tasks:\n    - name: x\n      copy: {dest: /x\n");
        Run bad = playbake("build", dir.resolve("broken.yml").toString(), "--base", BASE, "-t", "x/y:1", "--progress", "plain");
        assertEquals(2, bad.exit());
        assertTrue(bad.stderr().contains("broken.yml:"), bad.stderr());

        String tag = "playbake-test/cli-fail-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        Path failing = playbook("    - name: ok\n      command: /bin/true\n    - name: boom\n      command: /bin/false\n");
        Run failed = playbake("build", failing.toString(), "--base", BASE, "-t", tag, "--progress", "plain");
        assertEquals(1, failed.exit());
        assertTrue(failed.stderr().contains("playbook.yml:7") && failed.stderr().contains("boom"), failed.stderr());
        assertTrue(failed.stderr().contains("docker run --rm -it --entrypoint /bin/sh " + tag + "-failed"), failed.stderr());
        docker.removeImage(tag + "-failed");

        Run unreachable = playbake("build", failing.toString(), "--base", BASE, "-t", tag, "--docker-host", "tcp://127.0.0.1:1");
        assertEquals(3, unreachable.exit());
    }

    @Test
    void aBadReferenceOrAnUnknownCommandExitsTwoBeforeAnythingRuns() throws Exception {
        Path file = playbook("    - command: /bin/true\n");
        // an unreachable Docker host: a check made after connecting would exit 3
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("--base", BASE, "-t", "hello:1:2"),
                "-t 'hello:1:2' is not an image reference: it has more than one tag");
        cases.put(List.of("--base", BASE, "-t", "Hello World:1"),
                "-t 'Hello World:1' is not an image reference: it contains a space");
        cases.put(List.of("-t", "ok:1", "--base", "Debian:bookworm"),
                "--base 'Debian:bookworm' is not an image reference: the repository name must be lower case");
        cases.put(List.of("--base", BASE, "-t", "ok:1", "--cache-scope", "Team_A"),
                "--cache-scope Team_A: not a namespace name (lower-case letters, digits and '-', at most 63) nor 'shared'");
        for (Map.Entry<List<String>, String> bad : cases.entrySet()) {
            List<String> args = new ArrayList<>(List.of("build", file.toString(),
                    "--docker-host", "tcp://127.0.0.1:1", "--progress", "plain"));
            args.addAll(bad.getKey());
            Run run = playbake(args.toArray(String[]::new));
            assertEquals(2, run.exit(), run.stderr());
            assertTrue(run.stderr().contains(bad.getValue()), run.stderr());
            assertFalse(run.stderr().contains("Exception") || run.stderr().contains("\tat "), run.stderr());
        }

        // a base image on a registry nobody listens on: the daemon's own words and what to check, no JSON
        Run unpullable = playbake("build", file.toString(), "--base", "127.0.0.1:1/nosuch:1", "-t", "ok:1",
                "--progress", "plain");
        assertEquals(3, unpullable.exit(), unpullable.stderr());
        assertTrue(unpullable.stderr().contains("pull 127.0.0.1:1/nosuch:1: the Docker host could not reach registry"
                + " 127.0.0.1:1 (Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused);"
                + " is the registry's address right"), unpullable.stderr());
        assertFalse(unpullable.stderr().contains("Status 500") || unpullable.stderr().contains("\tat "),
                unpullable.stderr());

        Run unknown = playbake("push", "--help");
        assertEquals(2, unknown.exit(), unknown.stdout() + unknown.stderr());
        assertTrue(unknown.stderr().contains("playbake: unknown command 'push'. The commands are build, cache, logs, operator"),
                unknown.stderr());
        Run typo = playbake("biuld", file.toString());
        assertEquals(2, typo.exit());
        assertTrue(typo.stderr().contains("Did you mean: playbake build?"), typo.stderr());
        Run typoWithHelp = playbake("cache", "prnue", "--help");
        assertEquals(2, typoWithHelp.exit());
        assertTrue(typoWithHelp.stderr().contains("playbake cache: unknown command 'prnue'; did you mean 'prune'?"),
                typoWithHelp.stderr());
    }

    @Test
    void pushesWithCredentialsFromTheDockerConfigAndRetriesAnUnreachableRegistry() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        Path config = dir.resolve("docker-config");
        Files.createDirectories(config);
        String auth = java.util.Base64.getEncoder().encodeToString((env.value("registry.username") + ":"
                + env.value("registry.password")).getBytes(StandardCharsets.UTF_8));
        Files.writeString(config.resolve("config.json"), "{\"auths\": {\"" + env.registry() + "\": {\"auth\": \""
                + auth + "\"}}}");
        String tag = env.registry() + "/playbake-test/cli-push:" + UUID.randomUUID().toString().substring(0, 8);
        Path file = playbook("    - name: write\n      copy: {dest: /etc/pushed, content: \"yes\\n\"}\n");
        Run pushed = playbakeWith(java.util.Map.of("DOCKER_CONFIG", config.toString()), "build", file.toString(),
                "--base", BASE, "-t", tag, "--push", "--progress", "json");
        assertEquals(0, pushed.exit(), pushed.stderr());
        JsonNode result = json(pushed.stdout()).get(json(pushed.stdout()).size() - 1);
        assertTrue(result.path("digest").asText().startsWith("sha256:"), pushed.stdout());
        docker.removeImage(tag);

        String nowhere = "127.0.0.1:1/playbake-test/cli-push:1";
        long start = System.nanoTime();
        Run unreachable = playbakeWith(java.util.Map.of("DOCKER_CONFIG", config.toString()), "build", file.toString(),
                "--base", BASE, "-t", nowhere, "--push", "--progress", "plain");
        assertEquals(3, unreachable.exit(), unreachable.stderr());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 3_000, "the push was retried with backoff");
        docker.removeImage(nowhere);
    }

    @Test
    void buildsAnImageBuildManifestLocally() throws Exception {
        String tag = "playbake-test/cli-manifest-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        Run run = playbake("build", "examples/imagebuild-hello.yaml", "--base", BASE, "-t", tag, "--progress", "plain");
        try {
            assertEquals(0, run.exit(), run.stderr());
            assertTrue(run.stderr().contains("write the greeting"), run.stderr());
        } finally {
            docker.removeImage(tag);
        }
    }

    @Test
    void imageSettingsGivenAsFlagsAreWhatDockerInspectShows() throws Exception {
        String tag = "playbake-test/cli-config-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        Path file = playbook("    - name: write\n      copy: {dest: /srv/index.html, content: \"hi\\n\"}\n");
        try {
            Run run = playbake("build", file.toString(), "--base", BASE, "-t", tag, "--progress", "plain",
                    "--entrypoint", "[\"/usr/bin/env\",\"--\"]", "--cmd", "exec cat index.html",
                    "--env", "GREETING=hello world", "--env", "EMPTY=", "--label", "team=web",
                    "--label", "org.opencontainers.image.source=https://example.com/web", "--user", "nobody:nogroup",
                    "--workdir", "/srv", "--expose", "8080", "--expose", "53/udp", "--volume", "/data",
                    "--volume", "/var/cache/web", "--snapshots", "every");
            assertEquals(0, run.exit(), run.stderr());

            ImageSettings settings = docker.inspectImage(tag).orElseThrow().settings();
            assertEquals(List.of("/usr/bin/env", "--"), settings.entrypoint());
            assertEquals(List.of("/bin/sh", "-c", "exec cat index.html"), settings.cmd());
            assertTrue(settings.env().containsAll(List.of("GREETING=hello world", "EMPTY=")), settings.env()::toString);
            List<String> baseEnv = docker.inspectImage(BASE).orElseThrow().settings().env();
            assertTrue(settings.env().containsAll(baseEnv), "the base image's env stays: " + baseEnv);
            assertEquals("web", settings.labels().get("team"));
            assertEquals("https://example.com/web", settings.labels().get("org.opencontainers.image.source"));
            assertEquals("nobody:nogroup", settings.user());
            assertEquals("/srv", settings.workingDir());
            assertEquals(java.util.Set.of("8080/tcp", "53/udp"), java.util.Set.copyOf(settings.exposedPorts()));
            assertEquals(java.util.Set.of("/data", "/var/cache/web"), java.util.Set.copyOf(settings.volumes()));
        } finally {
            docker.removeImage(tag);
        }

        // a bad value exits 2 naming its flag, before a Docker host is asked for (this one would exit 3)
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("--env=NOVALUE", "--env NOVALUE: expected KEY=VALUE");
        cases.put("--expose=80/http", "--expose 80/http: not a port");
        cases.put("--workdir=srv", "--workdir srv: not an absolute path (it must start with /)");
        cases.put("--volume=data", "--volume data: not an absolute path (it must start with /)");
        cases.put("--snapshots=sometimes", "--snapshots sometimes: give auto, every or none");
        cases.put("--cmd=[\"nginx\"", "--cmd [\"nginx\": not a JSON array of strings");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Run run = playbake("build", file.toString(), "--base", BASE, "-t", tag, "--docker-host", "tcp://127.0.0.1:1",
                    "--progress", "plain", bad.getKey());
            assertEquals(2, run.exit(), run.stderr());
            assertTrue(run.stderr().contains("playbake: " + bad.getValue()), run.stderr());
        }
    }

    @Test
    void buildsAMultiDocumentManifestFromItsConfigMaps() throws Exception {
        String tag = "playbake-test/cli-gitops-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        Path manifests = Files.createDirectories(dir.resolve("deploy"));
        Files.writeString(manifests.resolve("web.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web-playbook, namespace: web}
                data:
                  site.yml: |
                    - hosts: all
                      gather_facts: false
                      tasks:
                        - name: install the page
                          copy: {src: files/index.html, dest: /srv/index.html}
                  files__index.html: |
                    <h1>from a ConfigMap</h1>
                ---
                apiVersion: playbake.dev/v1alpha1
                kind: ImageBuild
                metadata: {name: web, namespace: web}
                spec:
                  baseImage: %s
                  output: {image: "127.0.0.1:5000/web/site:1"}
                  playbookFrom: {configMapKeyRef: {name: web-playbook, key: site.yml}}
                  filesFrom: [{configMapRef: {name: web-playbook}}]
                  config: {workingDir: /srv, cmd: [cat, index.html]}
                """.formatted(BASE));
        try {
            Run run = playbake("build", manifests.resolve("web.yaml").toString(), "-t", tag, "--progress", "plain",
                    "--no-cache");
            assertEquals(0, run.exit(), run.stderr());
            assertTrue(run.stderr().contains("install the page"), run.stderr());
            assertEquals(List.of("cat", "index.html"), docker.inspectImage(tag).orElseThrow().settings().cmd());
            String container = docker.startContainer(tag, Map.of("playbake.dev/owner", "cli-it"));
            try {
                assertEquals("<h1>from a ConfigMap</h1>\n", docker.connection(container)
                        .exec(ExecRequest.of("cat", "/srv/index.html")).stdout());
            } finally {
                docker.removeContainer(container);
            }

            // the same directory with a Secret beside: refused, naming it, before anything runs
            Files.writeString(manifests.resolve("regcred.yaml"),
                    "apiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\nstringData: {token: x}\n");
            Run refused = playbake("build", manifests.toString(), "-t", tag, "--docker-host", "tcp://127.0.0.1:1",
                    "--progress", "plain");
            assertEquals(2, refused.exit(), refused.stderr());
            assertTrue(refused.stderr().contains(manifests.resolve("regcred.yaml") + ":1 (document 1): Secret regcred"
                    + " is not read"), refused.stderr());
        } finally {
            docker.removeImage(tag);
        }
    }

    @Test
    void sigtermCancelsTheBuildAndRemovesItsContainer() throws Exception {
        Path file = playbook("    - name: long\n      command: sleep 60\n");
        Process process = new ProcessBuilder(PackagedCli.command("build", file.toString(),
                "--base", BASE, "-t", "playbake-test/cli-cancel:1", "--progress", "plain"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        String label = "playbake.dev/process=" + hostName() + ":" + process.pid();
        await().atMost(60, TimeUnit.SECONDS).until(() -> !docker.containersLabelled(label).isEmpty());
        process.destroy();  // SIGTERM
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of(), docker.containersLabelled(label).stream().map(c -> c.id()).toList());
    }

    private static String hostName() throws IOException {
        String name = System.getenv("HOSTNAME");
        return name == null || name.isBlank() ? java.net.InetAddress.getLocalHost().getHostName() : name;
    }

    @Test
    void fetchWritesIntoTheArtifactFolderBesideThePlaybookOrTheOneGivenAndSurvivesTheCache() throws Exception {
        String tag = "playbake-test/cli-fetch-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        Path file = playbook("    - name: report\n      copy: {dest: /opt/report.txt, content: \"ok\\n\"}\n"
                + "    - name: fetch report\n      fetch: {src: /opt/report.txt, dest: /reports/, flat: true}\n"
                + "    - name: fetch by host\n      fetch: {src: /opt/report.txt, dest: hosts}\n");
        // the artifact store follows XDG_CACHE_HOME like the cache key: a store of this test's own
        Path cache = Files.createTempDirectory("playbake-cli-cache");  // not beside the playbook: not build context
        java.util.Map<String, String> env = java.util.Map.of("XDG_CACHE_HOME", cache.toString());
        try {
            Run first = playbakeWith(env, "build", file.toString(), "--base", BASE, "-t", tag, "--progress", "json");
            assertEquals(0, first.exit(), first.stderr() + first.stdout());
            assertEquals("ok\n", Files.readString(dir.resolve("artifacts/reports/report.txt")));
            assertEquals("ok\n", Files.readString(dir.resolve("artifacts/hosts/localhost/opt/report.txt")));
            assertTrue(Files.isDirectory(cache.resolve("playbake/artifacts/blobs")));

            // all cached, into another folder: the files come from the artifact store
            Path elsewhere = dir.resolve("elsewhere");
            Run second = playbakeWith(env, "build", file.toString(), "--base", BASE, "-t", tag, "--artifacts",
                    elsewhere.toString(), "--progress", "json");
            assertEquals(0, second.exit(), second.stderr() + second.stdout());
            assertEquals("cached", ofType(json(second.stdout()), "step-end").get(1).path("status").asText());
            assertEquals("ok\n", Files.readString(elsewhere.resolve("reports/report.txt")));
            assertEquals("ok\n", Files.readString(elsewhere.resolve("hosts/localhost/opt/report.txt")));
        } finally {
            docker.removeImage(tag);
        }
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(event -> event.path("type").asText().equals(type)).toList();
    }

    private static List<JsonNode> json(String stdout) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("{")) {
                lines.add(mapper.readTree(line));
            }
        }
        return lines;
    }
}
