package dev.playbake.modules;

/** One Ansible module: turns its arguments into commands and file transfers over a connection. */
public interface Module {

    /** The short name tasks call it by ({@code copy}); FQCNs are normalised before lookup. */
    String name();

    /** The arguments it accepts; the registry validates a task's arguments against it before {@link #run}. */
    ArgumentSpec argumentSpec();

    /**
     * Runs the module. A module's own failure is a result with {@code failed: true}; an exception
     * means the argument was invalid ({@link ModuleException}) or the container was lost.
     */
    ModuleResult run(ModuleContext context);

    /**
     * Whether running the module may change the container's filesystem; a module that only reads it
     * ({@code fetch}) needs no snapshot after it.
     */
    default boolean changesContainer() {
        return true;
    }
}
