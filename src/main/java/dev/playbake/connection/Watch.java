package dev.playbake.connection;

/** An installed {@link OutputWatcher}: closing it stops the lines. */
@FunctionalInterface
public interface Watch extends AutoCloseable {

    /** A watch of a connection that cannot show a running command's lines. */
    Watch NONE = () -> { };

    /** Removes the watcher; no line reaches it once this returns. */
    @Override
    void close();
}
