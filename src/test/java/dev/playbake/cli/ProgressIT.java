package dev.playbake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbake.docker.DockerHost;
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
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code playbake build --progress plain|tty|json} as a user runs it: the packaged jar on the real Docker engine,
 * the JSON streams of a build with output, a cached rebuild, a failing and a canceled (SIGINT) one checked against
 * the schema docs/cli.md documents, and no view showing a {@code no_log} task's output or a secret.
 */
class ProgressIT {

    private static final String BASE = TestEnvironment.get().debianImage();
    private static final String NO_LOG_MARKER = "NOLOG-" + UUID.randomUUID();
    private static final Pattern ROW = Pattern.compile(
            "^\\| `([a-z*-]+)` \\| `(\\w+)` \\| (string|number|boolean|array) \\| (yes|no) \\|", Pattern.MULTILINE);
    private static DockerHost docker;

    @TempDir
    Path dir;

    /** One field of the documented schema. */
    record Field(String type, String name, String json, boolean required) {
    }

    /** A finished CLI run. */
    record Run(int exit, String stdout, String stderr) {
    }

    @BeforeAll
    static void connect() {
        docker = DockerHost.connect(TestEnvironment.get().dockerHost());
    }

    @AfterAll
    static void close() {
        docker.close();
    }

    private Path playbook(String name, String tasks) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        return Files.writeString(folder.resolve("playbook.yml"), "- hosts: all\n  vars: {run: " + UUID.randomUUID()
                + "}\n  handlers:\n    - name: note it\n      command: echo handled\n  tasks:\n" + tasks);
    }

    /** A task with output on both streams that notifies a handler, a no_log task, a debug message. */
    private Path succeeding() throws IOException {
        return playbook("ok", """
                    - name: say
                      shell: echo line-one; echo line-two >&2
                      notify: note it
                    - name: hidden
                      shell: echo %s
                      no_log: true
                    - name: tell
                      debug: {msg: told}
                """.formatted(NO_LOG_MARKER));
    }

    /** A password (a secret from then on) in a command's output, then a failing command. */
    private Path failing() throws IOException {
        return playbook("fail", """
                    - name: password
                      shell: echo "pw {{ lookup('password', '/dev/null length=16') }}"
                    - name: break
                      shell: echo before-break; exit 3
                """);
    }

    private static Run playbake(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(PackagedCli.command());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static Run build(Path file, String tag, String progress, Map<String, String> env)
            throws IOException, InterruptedException {
        return playbake(env, "build", file.toString(), "--base", BASE, "-t", tag, "--progress", progress);
    }

    @Test
    void theJsonStreamFollowsTheDocumentedSchema() throws Exception {
        List<Field> schema = schema();
        String tag = "playbake-test/progress-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        Path ok = succeeding();
        List<List<JsonNode>> streams = new ArrayList<>();
        try {
            Run built = build(ok, tag, "json", Map.of());
            assertEquals(0, built.exit(), built.stderr() + built.stdout());
            streams.add(json(built.stdout()));
            Run cached = build(ok, tag, "json", Map.of());
            assertEquals(0, cached.exit(), cached.stderr() + cached.stdout());
            streams.add(json(cached.stdout()));
            Run failed = build(failing(), tag, "json", Map.of());
            assertEquals(1, failed.exit(), failed.stderr() + failed.stdout());
            streams.add(json(failed.stdout()));
            streams.add(canceled(tag));
        } finally {
            docker.removeImage(tag);
            docker.removeImage(tag + "-failed");
        }

        Set<String> seen = new HashSet<>();
        for (List<JsonNode> stream : streams) {
            for (int i = 0; i < stream.size(); i++) {
                JsonNode event = stream.get(i);
                assertEquals(i + 1, event.path("seq").asInt(), "seq counts up: " + event);
                seen.add(event.path("type").asText());
                check(event, schema);
            }
            assertEquals("result", stream.get(stream.size() - 1).path("type").asText());
        }
        Set<String> documented = new HashSet<>();
        schema.stream().map(Field::type).filter(type -> !type.equals("*")).forEach(documented::add);
        assertEquals(documented, seen, "every documented type appears in the streams, and no other");

        List<JsonNode> first = streams.get(0);
        JsonNode start = first.get(0);
        assertEquals("build-start", start.path("type").asText());
        assertEquals(3, start.path("total").asInt(), "say, hidden, tell: the facts and the handler are no plan tasks");
        assertTrue(first.stream().anyMatch(e -> e.path("type").asText().equals("output")
                && e.path("stream").asText().equals("stderr") && e.path("line").asText().equals("line-two")));
        assertTrue(first.stream().anyMatch(e -> e.path("type").asText().equals("step-end")
                && e.path("name").asText().equals("note it") && !e.has("number")), "the handler has no number");
        assertTrue(first.stream().anyMatch(e -> e.path("type").asText().equals("phase-end")
                && e.path("phase").asText().equals("commit") && e.path("bytes").asLong() > 0));
        assertEquals(4, first.get(first.size() - 1).path("ran").asInt(), "3 tasks and the handler; facts are none");
        List<JsonNode> again = streams.get(1);
        assertEquals(List.of(1, 2, 3), again.stream().filter(e -> e.path("status").asText().equals("cached"))
                .map(e -> e.path("number").asInt()).toList(), "the same numbers, cached");
        assertEquals(0, again.get(again.size() - 1).path("ran").asInt());
        assertTrue(streams.get(2).stream().anyMatch(e -> e.path("line").asText().equals("pw ********")),
                streams.get(2).toString());
        JsonNode failure = streams.get(2).get(streams.get(2).size() - 1);
        assertEquals("failure", failure.path("status").asText());
        assertEquals("break", failure.path("task").asText());
        List<JsonNode> canceled = streams.get(3);
        assertTrue(canceled.stream().anyMatch(e -> e.path("type").asText().equals("step-end")
                && e.path("name").asText().equals("long") && e.path("status").asText().equals("canceled")), canceled.toString());
        assertTrue(canceled.stream().noneMatch(e -> e.path("status").asText().equals("failed")), canceled.toString());
        assertEquals("canceled", canceled.get(canceled.size() - 1).path("status").asText());
        streams.forEach(stream -> assertFalse(stream.toString().contains(NO_LOG_MARKER), "no_log output: " + stream));
    }

    /** A build of a long task, sent SIGINT (Ctrl-C) once its container runs. */
    private List<JsonNode> canceled(String tag) throws Exception {
        Path file = playbook("cancel", "    - name: long\n      command: sleep 60\n");
        Path out = dir.resolve("canceled.jsonl");
        Process process = new ProcessBuilder(PackagedCli.command("build", file.toString(),
                "--base", BASE, "-t", tag, "--progress", "json"))
                .redirectOutput(out.toFile()).redirectError(dir.resolve("canceled.err").toFile()).start();
        await().atMost(60, TimeUnit.SECONDS).until(() -> Files.readString(out).contains("\"name\":\"long\""));
        assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return json(Files.readString(out));
    }

    private static void check(JsonNode event, List<Field> schema) {
        String type = event.path("type").asText();
        Map<String, Field> fields = new LinkedHashMap<>();
        schema.stream().filter(f -> f.type().equals("*") || f.type().equals(type)).forEach(f -> fields.put(f.name(), f));
        assertTrue(schema.stream().anyMatch(f -> f.type().equals(type)), "undocumented type: " + event);
        for (Field field : fields.values()) {
            JsonNode value = event.get(field.name());
            if (value == null) {
                assertFalse(field.required(), "required field " + field.name() + " missing: " + event);
                continue;
            }
            boolean matches = switch (field.json()) {
                case "string" -> value.isTextual();
                case "number" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                default -> value.isArray();
            };
            assertTrue(matches, field.name() + " is no " + field.json() + ": " + event);
        }
        for (Iterator<String> names = event.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            assertTrue(fields.containsKey(name), "undocumented field " + name + ": " + event);
        }
    }

    private static List<Field> schema() throws IOException {
        String doc = Files.readString(Path.of("docs/cli.md"));
        List<Field> fields = new ArrayList<>();
        Matcher row = ROW.matcher(doc);
        while (row.find()) {
            fields.add(new Field(row.group(1), row.group(2), row.group(3), row.group(4).equals("yes")));
        }
        assertTrue(fields.size() > 30, "docs/cli.md documents the schema: " + fields);
        return fields;
    }

    @Test
    void plainAndTtyShowTheSameBuildNumberedWithItsOutputAndNoSecret() throws Exception {
        String tag = "playbake-test/progress-views-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        Path ok = succeeding();
        try {
            Run plain = build(ok, tag, "plain", Map.of());
            assertEquals(0, plain.exit(), plain.stderr());
            String text = plain.stderr();
            for (String line : List.of("building " + tag + " from " + BASE + ": 3 tasks", "#1 [1/3] say",
                    "#1 | line-one", "#1 ! line-two", "#1 changed say (", "#facts ok      Gathering Facts (",
                    "   tell: told", "#+ changed note it (", "committed sha256:", ": 4 ran, 0 cached")) {
                assertTrue(text.contains(line), line + " in:\n" + text);
            }
            assertFalse(text.contains("\033["), "no redraw in plain");

            Run tty = build(ok, tag, "tty", Map.of(Progress.FORCE_TTY, "1"));
            assertEquals(0, tty.exit(), tty.stderr());
            String screen = tty.stderr();
            for (String row : List.of("\033[J", "[1/3] CACHED say", "[3/3] CACHED tell", ": 0 ran, 3 cached")) {
                assertTrue(screen.contains(row), row + " in:\n" + screen);
            }
            Run failedTty = build(failing(), tag, "tty", Map.of(Progress.FORCE_TTY, "1"));
            assertEquals(1, failedTty.exit(), failedTty.stderr());
            assertTrue(failedTty.stderr().contains("[2/2] FAILED break"), failedTty.stderr());
            assertTrue(failedTty.stderr().contains("  > before-break"), "a failure keeps its lines: " + failedTty.stderr());
            Run failedPlain = build(failing(), tag, "plain", Map.of());
            assertTrue(failedPlain.stderr().contains("#1 | pw ********"), failedPlain.stderr());
            assertTrue(failedPlain.stderr().contains("#2 | before-break"), failedPlain.stderr());
            assertTrue(failedPlain.stderr().contains("#2 failed  break ("), failedPlain.stderr());

            Run notTerminal = build(ok, tag, "tty", Map.of());
            assertFalse(notTerminal.stderr().contains("\033["), "tty falls back to plain off a terminal");
            for (String output : List.of(text, screen, notTerminal.stderr())) {
                assertFalse(output.contains(NO_LOG_MARKER), output);
            }
        } finally {
            docker.removeImage(tag);
            docker.removeImage(tag + "-failed");
        }
    }

    private static List<JsonNode> json(String stdout) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : stdout.split("\n")) {
            if (!line.isBlank()) {
                lines.add(mapper.readTree(line));
            }
        }
        return lines;
    }
}
