package dev.playbake.playbook;

/** The playbook or a file it reads is invalid; the message names the file, the line and the task. */
public class PlaybookException extends RuntimeException {

    private final Location location;
    private final String detail;

    public PlaybookException(Location location, String message) {
        super(location.line() > 0 || !location.file().isEmpty() ? location + ": " + message : message);
        this.location = location;
        this.detail = message;
    }

    /** The message without the location, for callers that show the location themselves. */
    public String detail() {
        return detail;
    }

    public Location location() {
        return location;
    }
}
