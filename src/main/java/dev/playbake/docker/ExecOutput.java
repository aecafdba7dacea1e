package dev.playbake.docker;

import dev.playbake.connection.OutputWatcher;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A {@code docker exec}'s output as its frames come, on docker-java's thread: kept whole for the result and, for a
 * watcher, cut into lines that {@link #deliver} hands on from the thread that waits for the command.
 */
final class ExecOutput {

    private record Line(boolean stderr, String text) {
    }

    private final Optional<OutputWatcher> watcher;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final LineSplitter outLines = new LineSplitter();
    private final LineSplitter errLines = new LineSplitter();
    private final Queue<Line> ready = new ConcurrentLinkedQueue<>();

    ExecOutput(Optional<OutputWatcher> watcher) {
        this.watcher = watcher;
    }

    /** One frame's payload, which docker-java reuses once this returns. */
    synchronized void frame(boolean stderr, byte[] payload) {
        (stderr ? err : out).writeBytes(payload);
        if (watcher.isPresent()) {
            (stderr ? errLines : outLines).add(payload).forEach(text -> ready.add(new Line(stderr, text)));
        }
    }

    /** Hands the lines completed since the last call to the watcher. */
    void deliver() {
        watcher.ifPresent(w -> {
            for (Line line = ready.poll(); line != null; line = ready.poll()) {
                w.line(line.stderr(), line.text());
            }
        });
    }

    synchronized byte[] out() {
        return out.toByteArray();
    }

    synchronized byte[] err() {
        return err.toByteArray();
    }
}
