package dev.playbake.docker;

import dev.playbake.connection.OutputWatcher;

/**
 * Follows a running session command from outside the session, whose shell is busy running it: each {@link #poll}
 * reads what the command's spool files gained since the last one and hands the new complete lines to the watcher.
 */
final class SpoolTail {

    /** Reads the spool files past the given offsets (bytes already read); a file not there reads as empty. */
    @FunctionalInterface
    interface Reader {
        Spooled read(String out, long outFrom, String err, long errFrom);
    }

    /** What the two files held past the offsets. */
    record Spooled(byte[] out, byte[] err) {
    }

    private final Reader reader;
    private final String out;
    private final String err;
    private final OutputWatcher watcher;
    private final LineSplitter outLines = new LineSplitter();
    private final LineSplitter errLines = new LineSplitter();
    private long outRead;
    private long errRead;

    SpoolTail(Reader reader, String out, String err, OutputWatcher watcher) {
        this.reader = reader;
        this.out = out;
        this.err = err;
        this.watcher = watcher;
    }

    /** Reads once and hands on the new lines; false when the files could not be read, and then no poll is worth it. */
    boolean poll() {
        Spooled spooled;
        try {
            spooled = reader.read(out, outRead, err, errRead);
        } catch (RuntimeException e) {
            // the command's result still carries every line; only the live view of them is lost
            return false;
        }
        outRead += spooled.out().length;
        errRead += spooled.err().length;
        outLines.add(spooled.out()).forEach(line -> watcher.line(false, line));
        errLines.add(spooled.err()).forEach(line -> watcher.line(true, line));
        return true;
    }
}
