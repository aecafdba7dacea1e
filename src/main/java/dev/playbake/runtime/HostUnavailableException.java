package dev.playbake.runtime;

/** The container runtime did not answer: the host is down, the socket is missing or TLS failed. */
public class HostUnavailableException extends RuntimeException {

    public HostUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
