package dev.playbake.connection;

import java.util.List;
import java.util.Optional;

/** A way into one build container: run commands and move files, like Ansible's connection plugins. */
public interface Connection {

    /** Runs a command and waits for it; a non-zero exit is a result, not an error. */
    ExecResult exec(ExecRequest request);

    /**
     * Writes files into the container in one transfer, creating parent directories; a write the container refuses
     * is a {@link FileWriteException}.
     */
    void put(List<FileEntry> files);

    /** Reads one regular file from the container, or empty when it does not exist. */
    Optional<byte[]> fetch(String path);

    /** How many commands this connection has run; the cache tests count them. */
    long execCount();

    /**
     * Whether nothing runs in the container but what keeps it alive and this connection's own shell, so nothing
     * writes to its filesystem until the next command; false when that cannot be told.
     */
    default boolean quiescent() {
        return false;
    }

    /**
     * Hands the lines of the commands run from now on to {@code watcher} while they run, until the returned handle
     * is closed; it replaces any watcher installed before. Lines come on the thread that runs the command, and not
     * necessarily all of them: those a command writes at its end may come only in its result. A connection that
     * cannot follow a running command ignores the watcher.
     */
    default Watch watch(OutputWatcher watcher) {
        return Watch.NONE;
    }
}
