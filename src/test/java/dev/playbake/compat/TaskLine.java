package dev.playbake.compat;

/**
 * One task's reported outcome, as both sides print it.
 *
 * @param name   the task's name
 * @param status ok, changed, skipped or failed
 */
public record TaskLine(String name, String status) {

    @Override
    public String toString() {
        return status + "  " + name;
    }
}
