package dev.playbake.docker;

/** The Docker daemon did not answer: the host is down, the socket is missing or TLS failed. */
public class DockerHostUnavailableException extends RuntimeException {

    public DockerHostUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
