package dev.playbake.playbook;

/** The playbook or a file it reads is invalid; the message names the file, the line and the task. */
public class PlaybookException extends RuntimeException {

    private final Location location;
    private final String detail;
    private final String task;

    public PlaybookException(Location location, String message) {
        this(location, "", message);
    }

    /** @param task the name Ansible prints for the task at fault, empty when the error is not a task's */
    public PlaybookException(Location location, String task, String message) {
        super(location.line() > 0 || !location.file().isEmpty() ? location + ": " + message : message);
        this.location = location;
        this.task = task;
        this.detail = message;
    }

    /** The message without the location, for callers that show the location themselves. */
    public String detail() {
        return detail;
    }

    /** The task at fault, empty when the error is not a task's. */
    public String task() {
        return task;
    }

    public Location location() {
        return location;
    }
}
