package dev.playbake.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbake.imagebuild.BuildListener;
import dev.playbake.imagebuild.BuildPhase;
import dev.playbake.imagebuild.PlainLog;
import dev.playbake.imagebuild.TaskReport;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How {@code playbake build} shows a build: {@code plain} lines, {@code json} objects, or a live {@code tty} view. */
abstract class Progress implements BuildListener {

    /** Picks the printer for {@code --progress}; {@code auto} is tty on a terminal, plain elsewhere. */
    static Progress of(String mode, PrintStream out, PrintStream err) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "json" -> new Json(out);
            case "plain" -> new Plain(err);
            case "tty" -> System.console() != null ? new Tty(err) : new Plain(err);
            case "auto" -> System.console() != null && !"dumb".equals(System.getenv("TERM")) ? new Tty(err) : new Plain(err);
            default -> throw new IllegalArgumentException("--progress must be auto, tty, plain or json, not " + mode);
        };
    }

    /** Called once at the end with the built image. */
    abstract void result(String image, String imageId, String digest);

    /** Called for messages that are not task results (errors, hints). */
    abstract void message(String text);

    /** One line per event, BuildKit's plain mode ({@link PlainLog}). */
    static class Plain extends Progress {
        final PrintStream out;
        private final PlainLog lines;
        int cached;
        int ran;

        Plain(PrintStream out) {
            this.out = out;
            this.lines = new PlainLog(out::println);
        }

        @Override
        public void phase(BuildPhase phase) {
            lines.phase(phase);
        }

        @Override
        public void taskFinished(TaskReport report) {
            if (report.status() == TaskReport.Status.CACHED) {
                cached++;
            } else {
                ran++;
            }
            lines.taskFinished(report);
        }

        @Override
        public void log(String line) {
            lines.log(line);
        }

        @Override
        public void pushed(String reference, String digest) {
            lines.pushed(reference, digest);
        }

        @Override
        void result(String image, String imageId, String digest) {
            out.printf("built %s (%s) in %s: %d ran, %d cached%n", image, imageId.substring(0, Math.min(19, imageId.length())),
                    elapsed(), ran, cached);
        }

        @Override
        void message(String text) {
            out.println(text);
        }

        String elapsed() {
            return lines.elapsed();
        }
    }

    /** A live view: finished tasks scroll, the running one shows a spinner and its time. */
    static final class Tty extends Plain {
        private static final String[] SPINNER = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
        private final Thread ticker;
        private volatile String current = "";
        private volatile long currentStart;
        private int frame;

        Tty(PrintStream out) {
            super(out);
            ticker = new Thread(this::tick, "playbake-progress");
            ticker.setDaemon(true);
            ticker.start();
        }

        private void tick() {
            while (!Thread.currentThread().isInterrupted()) {
                synchronized (this) {
                    if (!current.isEmpty()) {
                        out.printf("\r\033[K%s %s  %.1fs  [%d ran, %d cached, %s]", SPINNER[frame++ % SPINNER.length],
                                current, (System.nanoTime() - currentStart) / 1e9, ran, cached, elapsed());
                        out.flush();
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public synchronized void taskStarted(int index, String name) {
            current = name;
            currentStart = System.nanoTime();
        }

        @Override
        public synchronized void taskFinished(TaskReport report) {
            out.print("\r\033[K");
            current = "";
            super.taskFinished(report);
        }

        @Override
        public synchronized void log(String line) {
            out.print("\r\033[K");
            super.log(line);
        }

        @Override
        synchronized void result(String image, String imageId, String digest) {
            ticker.interrupt();
            out.print("\r\033[K");
            super.result(image, imageId, digest);
        }

        @Override
        synchronized void message(String text) {
            ticker.interrupt();
            out.print("\r\033[K");
            super.message(text);
        }
    }

    /** One JSON object per line on stdout (docs/architecture.md, "Entry: the CLI and the operator"). */
    static final class Json extends Progress {
        private static final ObjectMapper MAPPER = new ObjectMapper();
        private final PrintStream out;

        Json(PrintStream out) {
            this.out = out;
        }

        @Override
        public void taskFinished(TaskReport report) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", "task");
            line.put("task", report.name());
            line.put("status", report.status().label());
            line.put("durationMs", report.durationMs());
            write(line);
        }

        @Override
        void result(String image, String imageId, String digest) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", "result");
            line.put("image", image);
            line.put("imageId", imageId);
            if (digest != null) {
                line.put("digest", digest);
            }
            write(line);
        }

        @Override
        void message(String text) {
            write(Map.of("type", "message", "message", text));
        }

        private synchronized void write(Map<String, Object> line) {
            try {
                out.println(MAPPER.writeValueAsString(line));
                out.flush();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
