package dev.playbake.playbook;

/** Where something was written: a file (relative to the playbook's directory) and a 1-based line. */
public record Location(String file, int line) {

    public static final Location UNKNOWN = new Location("", 0);

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
