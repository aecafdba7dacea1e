package dev.playbake.connection;

/** The container could not be reached or the transfer broke; the command's own failure is an ExecResult. */
public class ConnectionException extends RuntimeException {

    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConnectionException(String message) {
        super(message);
    }
}
