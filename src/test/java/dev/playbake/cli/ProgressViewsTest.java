package dev.playbake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbake.imagebuild.BuildFailure;
import dev.playbake.imagebuild.BuildListener;
import dev.playbake.imagebuild.BuildOutline;
import dev.playbake.imagebuild.BuildResult;
import dev.playbake.imagebuild.StageReport;
import dev.playbake.imagebuild.TaskReport;
import dev.playbake.imagebuild.TaskStart;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three views on one recorded build: a pull, facts, a cached task, a task with output, a handler, a failure. */
class ProgressViewsTest {

    private static final TaskStart FACTS = new TaskStart(1, "Gathering Facts", OptionalInt.empty(), true);
    private static final TaskStart INSTALL = new TaskStart(2, "install", OptionalInt.of(2), false);
    private static final TaskStart HANDLER = new TaskStart(3, "restart", OptionalInt.empty(), false);
    private static final TaskStart BREAK = new TaskStart(4, "break", OptionalInt.of(3), false);

    /** What a failing build told its listener, in order. */
    private static final List<Consumer<BuildListener>> FAILING = List.of(
            l -> l.planned(new BuildOutline(3, "debian:12", List.of("web:1"))),
            l -> l.stageStarted(StageReport.Kind.PULL, "debian:12"),
            l -> l.stageFinished(new StageReport(StageReport.Kind.PULL, "debian:12", 1200, OptionalLong.of(49_600_000),
                    Optional.of("sha256:feed"))),
            l -> l.taskFinished(new TaskReport(0, "configure", TaskReport.Status.CACHED, 0, false, OptionalInt.of(1))),
            l -> l.taskStarted(FACTS),
            l -> l.taskFinished(new TaskReport(1, "Gathering Facts", TaskReport.Status.OK, 100, true, OptionalInt.empty())),
            l -> l.taskStarted(INSTALL),
            l -> l.taskOutput(INSTALL, false, "Setting up nginx \033[31m(1.22)"),
            l -> l.taskOutput(INSTALL, true, "debconf: delaying"),
            l -> l.taskFinished(new TaskReport(2, "install", TaskReport.Status.CHANGED, 2300, false, OptionalInt.of(2))),
            l -> l.taskStarted(HANDLER),
            l -> l.taskFinished(new TaskReport(3, "restart", TaskReport.Status.CHANGED, 10, false, OptionalInt.empty())),
            l -> l.taskStarted(BREAK),
            l -> l.taskOutput(BREAK, true, "no such file"),
            l -> l.taskFinished(new TaskReport(4, "break", TaskReport.Status.FAILED, 50, false, OptionalInt.of(3))),
            l -> l.log("fatal: break: non-zero return code"));

    private static final Ending FAILED = Ending.failed(new BuildFailure(BuildFailure.Reason.PLAYBOOK_FAILED,
            "task 'break' failed", Optional.of("playbook.yml"), 12, Optional.of("break"), "", Optional.empty()),
            "playbake: playbook.yml:12: task 'break' failed");

    private static String replay(Progress view, Ending ending, ByteArrayOutputStream bytes) {
        FAILING.forEach(event -> event.accept(view));
        view.ended(ending);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainIsOneLinePerEventNumberedByPlanPosition() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String text = replay(new PlainProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8)), FAILED, bytes);
        assertEquals(List.of("building web:1 from debian:12: 3 tasks",
                "pulling debian:12",
                "pulled debian:12 (sha256:feed, 49.6 MB, 1.2s)",
                "#1 CACHED configure",
                "#facts Gathering Facts",
                "#facts ok      Gathering Facts (0.1s)",
                "#2 [2/3] install",
                "#2 | Setting up nginx [31m(1.22)",
                "#2 ! debconf: delaying",
                "#2 changed install (2.3s)",
                "#+ restart",
                "#+ changed restart (0.0s)",
                "#3 [3/3] break",
                "#3 ! no such file",
                "#3 failed  break (0.1s)",
                "   fatal: break: non-zero return code",
                "playbake: playbook.yml:12: task 'break' failed"), text.lines().toList());
    }

    @Test
    void jsonIsOneObjectPerEventWithTypeSeqAndTime() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T18:00:00Z"), ZoneOffset.UTC);
        String text = replay(new JsonProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock), FAILED,
                bytes);
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : text.lines().toList()) {
            events.add(mapper.readTree(line));
        }
        assertEquals(List.of("build-start", "phase-start", "phase-end", "step-end", "step-start", "step-end",
                "step-start", "output", "output", "step-end", "step-start", "step-end", "step-start", "output", "step-end",
                "log", "result"), events.stream().map(e -> e.path("type").asText()).toList());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).path("seq").asInt());
            assertEquals("2026-12-07T18:00:00Z", events.get(i).path("time").asText());
        }
        assertEquals(3, events.get(0).path("total").asInt());
        assertEquals(49_600_000, events.get(2).path("bytes").asLong());
        assertEquals("cached", events.get(3).path("status").asText());
        assertEquals("facts", events.get(4).path("kind").asText());
        assertFalse(events.get(4).has("number"));
        JsonNode output = events.get(8);
        assertEquals(3, output.path("id").asInt());
        assertEquals("stderr", output.path("stream").asText());
        assertEquals(2, events.get(9).path("number").asInt());
        assertFalse(events.get(10).has("number"), "a handler has no plan position");
        JsonNode result = events.get(16);
        assertFalse(result.path("success").asBoolean());
        assertEquals("failure", result.path("status").asText());
        assertEquals(3, result.path("ran").asInt(), "install, the handler and break; the facts are none");
        assertEquals(1, result.path("cached").asInt());
        assertEquals("playbook.yml", result.path("file").asText());
        assertEquals(12, result.path("line").asInt());
        assertEquals("break", result.path("task").asText());
    }

    @Test
    void ttyRedrawsTheRunningRowInPlaceAndKeepsFinishedRows() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String text = replay(new TtyProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> 0, false),
                FAILED, bytes);
        assertTrue(text.contains("\r\033[J"), "the live rows are cleared before each draw");
        assertTrue(text.contains("[2/3] install  0.0s  [0 ran, 1 cached, 0.0s]"), text);
        assertTrue(text.contains("  │ debconf: delaying"), "the running task's last lines: " + text);
        assertTrue(text.contains("\033[2A"), "three live rows: back up two to redraw them: " + text);
        assertTrue(text.contains("[1/3] CACHED configure\n"), text);
        assertTrue(text.contains("[facts] ok      Gathering Facts 0.1s\n"), text);
        assertTrue(text.contains("[2/3] changed install 2.3s\n"), text);
        assertTrue(text.contains("[+] changed restart 0.0s\n"), text);
        assertTrue(text.contains("[3/3] FAILED break 0.1s\n  > no such file\n"), "a failure keeps its lines: " + text);
        assertTrue(text.contains("pulled debian:12 (sha256:feed, 49.6 MB, 1.2s)\n"), text);
        assertFalse(text.contains("\033[31m"), "a command's own escapes never reach the terminal");
        assertTrue(text.endsWith("playbake: playbook.yml:12: task 'break' failed\n"), text);
    }

    @Test
    void aCanceledTaskAndBuildSayCanceledWithTheCounts() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlainProgress plain = new PlainProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        plain.planned(new BuildOutline(1, "debian:12", List.of("web:1")));
        TaskStart sleep = new TaskStart(0, "sleep", OptionalInt.of(1), false);
        plain.taskStarted(sleep);
        plain.taskFinished(new TaskReport(0, "sleep", TaskReport.Status.CANCELED, 900, false, OptionalInt.of(1)));
        plain.ended(Ending.canceled("playbake: build canceled (interrupted)"));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("#1 canceled sleep (0.9s)", lines.get(2));
        assertTrue(lines.get(3).matches("playbake: build canceled \\(interrupted\\) after \\d+\\.\\ds: 1 ran, 0 cached"),
                lines.get(3));
    }

    @Test
    void aBuiltImageIsSummedUpWithoutTheFactsAsTasksThatRan() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlainProgress plain = new PlainProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        plain.taskFinished(new TaskReport(0, "configure", TaskReport.Status.CACHED, 0, false, OptionalInt.of(1)));
        plain.taskFinished(new TaskReport(1, "Gathering Facts", TaskReport.Status.OK, 100, true, OptionalInt.empty()));
        plain.ended(Ending.succeeded(new BuildResult.Succeeded("sha256:0123456789abcdef0123", Optional.empty(),
                List.of("web:1"), 1, 1, List.of())));
        String last = bytes.toString(StandardCharsets.UTF_8).lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.matches("built web:1 \\(sha256:0123456789ab\\) in \\d+\\.\\ds: 0 ran, 1 cached"), last);
    }
}
