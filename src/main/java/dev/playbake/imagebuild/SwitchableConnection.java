package dev.playbake.imagebuild;

import dev.playbake.connection.Connection;
import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;

import java.util.List;
import java.util.Optional;

/** The engine's connection, which the build can move to a new container (after a squash) mid-run. */
final class SwitchableConnection implements Connection {

    private volatile Connection current;
    private long earlierExecs;

    SwitchableConnection(Connection first) {
        this.current = first;
    }

    synchronized void switchTo(Connection next) {
        earlierExecs += current.execCount();
        current = next;
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
}
