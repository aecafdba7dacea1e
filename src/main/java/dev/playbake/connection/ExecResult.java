package dev.playbake.connection;

/** What a finished command left: its exit code and its two output streams, kept apart. */
public record ExecResult(int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}
