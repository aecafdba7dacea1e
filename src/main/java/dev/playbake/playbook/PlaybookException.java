package dev.playbake.playbook;

/** The playbook or a file it reads is invalid; the message names the file, the line and the task. */
public class PlaybookException extends RuntimeException {

    private final Location location;

    public PlaybookException(Location location, String message) {
        super(location.line() > 0 || !location.file().isEmpty() ? location + ": " + message : message);
        this.location = location;
    }

    public Location location() {
        return location;
    }
}
