package dev.playbake.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbake.imagebuild.BuildFailure;
import dev.playbake.imagebuild.BuildOutline;
import dev.playbake.imagebuild.StageReport;
import dev.playbake.imagebuild.TaskReport;
import dev.playbake.imagebuild.TaskStart;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON object per line on stdout; the schema is docs/cli.md's, "Progress as JSON". */
final class JsonProgress extends Progress {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final PrintStream out;
    private final Clock clock;
    private final long start = System.nanoTime();
    private long seq;

    JsonProgress(PrintStream out) {
        this(out, Clock.systemUTC());
    }

    JsonProgress(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void planned(BuildOutline outline) {
        Map<String, Object> event = event("build-start");
        event.put("total", outline.totalTasks());
        event.put("baseImage", outline.baseImage());
        event.put("tags", outline.tags());
        write(event);
    }

    @Override
    public void taskStarted(TaskStart task) {
        write(task(event("step-start"), task));
    }

    @Override
    public void taskOutput(TaskStart task, boolean stderr, String line) {
        Map<String, Object> event = event("output");
        event.put("id", task.index() + 1);
        event.put("stream", stderr ? "stderr" : "stdout");
        event.put("line", line);
        write(event);
    }

    @Override
    public void taskFinished(TaskReport report) {
        super.taskFinished(report);
        Map<String, Object> event = task(event("step-end"), report.start());
        event.put("status", report.status().label());
        event.put("durationMs", report.durationMs());
        write(event);
    }

    @Override
    public void log(String line) {
        Map<String, Object> event = event("log");
        event.put("line", line);
        write(event);
    }

    @Override
    public void stageStarted(StageReport.Kind kind, String target) {
        Map<String, Object> event = event("phase-start");
        event.put("phase", kind.label());
        event.put("target", target);
        write(event);
    }

    @Override
    public void stageFinished(StageReport report) {
        Map<String, Object> event = event("phase-end");
        event.put("phase", report.kind().label());
        event.put("target", report.target());
        event.put("durationMs", report.durationMs());
        report.bytes().ifPresent(bytes -> event.put("bytes", bytes));
        report.digest().ifPresent(digest -> event.put("digest", digest));
        write(event);
    }

    @Override
    void ended(Ending ending) {
        Map<String, Object> event = event("result");
        event.put("success", ending.status() == Ending.Status.SUCCESS);
        event.put("status", ending.status().label());
        event.put("durationMs", (System.nanoTime() - start) / 1_000_000);
        event.put("ran", ran());
        event.put("cached", cached());
        ending.built().ifPresent(built -> {
            event.put("image", built.tags().get(0));
            event.put("imageId", built.imageId());
            built.digest().ifPresent(digest -> event.put("digest", digest));
            event.put("sizeBytes", built.sizeBytes());
        });
        if (ending.status() != Ending.Status.SUCCESS) {
            event.put("error", ending.message());
        }
        ending.failure().ifPresent(failure -> failure(event, failure));
        write(event);
    }

    private static void failure(Map<String, Object> event, BuildFailure failure) {
        event.put("reason", failure.reason().name());
        failure.file().ifPresent(file -> event.put("file", file));
        if (failure.line() > 0) {
            event.put("line", failure.line());
        }
        failure.task().ifPresent(task -> event.put("task", task));
        failure.debugImage().ifPresent(image -> event.put("debugImage", image));
    }

    private static Map<String, Object> task(Map<String, Object> event, TaskStart task) {
        event.put("id", task.index() + 1);
        task.number().ifPresent(number -> event.put("number", number));
        event.put("name", task.name());
        event.put("kind", task.facts() ? "facts" : "task");
        return event;
    }

    private Map<String, Object> event(String type) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("seq", 0);
        event.put("time", clock.instant().toString());
        return event;
    }

    private synchronized void write(Map<String, Object> event) {
        event.put("seq", ++seq);
        try {
            out.println(MAPPER.writeValueAsString(event));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
