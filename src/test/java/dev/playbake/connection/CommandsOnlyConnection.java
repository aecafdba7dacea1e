package dev.playbake.connection;

import java.util.List;
import java.util.Optional;

/** A test container that only runs commands (subclasses say how): no files, no count, and the watcher it was given. */
public abstract class CommandsOnlyConnection implements Connection {

    private Optional<OutputWatcher> watcher = Optional.empty();

    /** The watcher installed now, if any. */
    public Optional<OutputWatcher> watcher() {
        return watcher;
    }

    @Override
    public Watch watch(OutputWatcher next) {
        watcher = Optional.of(next);
        return () -> watcher = Optional.empty();
    }

    @Override
    public void put(List<FileEntry> files) {
    }

    @Override
    public Optional<byte[]> fetch(String path) {
        return Optional.empty();
    }

    @Override
    public long execCount() {
        return 0;
    }
}
