package dev.playbake.imagebuild;

import dev.playbake.connection.Connection;
import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;
import dev.playbake.connection.OutputWatcher;
import dev.playbake.connection.Watch;

import java.util.List;
import java.util.Optional;

/** The engine's connection, which the build can move to a new container (after a squash) mid-run. */
final class SwitchableConnection implements Connection {

    /** The watcher installed through this connection, and its watch on the current one. */
    private static final class Watching {
        private final OutputWatcher watcher;
        private Watch inner;

        Watching(OutputWatcher watcher, Watch inner) {
            this.watcher = watcher;
            this.inner = inner;
        }
    }

    private volatile Connection current;
    private long earlierExecs;
    private Optional<Watching> watching = Optional.empty();

    SwitchableConnection(Connection first) {
        this.current = first;
    }

    /** Moves to {@code next}; an installed watcher follows, so a task's lines keep coming from the new container. */
    synchronized void switchTo(Connection next) {
        earlierExecs += current.execCount();
        current = next;
        watching.ifPresent(w -> {
            w.inner.close();
            w.inner = next.watch(w.watcher);
        });
    }

    @Override
    public ExecResult exec(ExecRequest request) {
        return current.exec(request);
    }

    @Override
    public void put(List<FileEntry> files) {
        current.put(files);
    }

    @Override
    public Optional<byte[]> fetch(String path) {
        return current.fetch(path);
    }

    @Override
    public boolean quiescent() {
        return current.quiescent();
    }

    @Override
    public synchronized long execCount() {
        return earlierExecs + current.execCount();
    }

    @Override
    public synchronized Watch watch(OutputWatcher watcher) {
        watching.ifPresent(w -> w.inner.close());
        Watching installed = new Watching(watcher, current.watch(watcher));
        watching = Optional.of(installed);
        return () -> unwatch(installed);
    }

    private synchronized void unwatch(Watching installed) {
        // a later watch replaced this one: it is already closed, and the later one stays
        if (watching.isPresent() && watching.get() == installed) {
            installed.inner.close();
            watching = Optional.empty();
        }
    }
}
