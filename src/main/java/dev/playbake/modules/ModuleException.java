package dev.playbake.modules;

/** The module was called wrongly (missing or conflicting arguments); becomes a failed task with this message. */
public class ModuleException extends RuntimeException {

    public ModuleException(String message) {
        super(message);
    }
}
