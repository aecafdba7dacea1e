package dev.playbake.connection;

/** Receives the lines of a command while it runs (see {@link Connection#watch}). */
@FunctionalInterface
public interface OutputWatcher {

    /** One complete line the command wrote, without its line end; {@code stderr} tells the stream. */
    void line(boolean stderr, String line);
}
