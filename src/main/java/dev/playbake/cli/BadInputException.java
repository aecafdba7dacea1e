package dev.playbake.cli;

/** The user's input (file, flags, manifest) is wrong: exit code 2 with this message. */
final class BadInputException extends RuntimeException {

    BadInputException(String message) {
        super(message);
    }
}
