package dev.playbake.engine.actions;

/**
 * One engine action and what the rest of playbake must know of it.
 *
 * @param name                the short name tasks call it by
 * @param action              what it does
 * @param changesContainer    whether it may change the container's filesystem, so its step needs a snapshot
 * @param lookupFolder        the subfolder its {@code with_*} lookups read: files, templates or vars
 * @param readsFilesAtRunTime whether the playbook files it reads depend on the run, so the cache key
 *                            covers every file
 * @param scalarArgument      whether its argument may be a bare scalar (a file or role name) the parser
 *                            keeps as {@code _raw_params}
 * @param reported            whether it is reported as a task (meta acts on the run and is not)
 */
public record ActionInfo(String name, Action action, boolean changesContainer, String lookupFolder,
                         boolean readsFilesAtRunTime, boolean scalarArgument, boolean reported) {

    /** An action that only computes: no container change, lookups in files/, nothing read at run time. */
    static ActionInfo of(String name, Action action) {
        return new ActionInfo(name, action, false, "files", false, false, true);
    }

    ActionInfo changingContainer() {
        return new ActionInfo(name, action, true, lookupFolder, readsFilesAtRunTime, scalarArgument, reported);
    }

    ActionInfo lookingIn(String folder) {
        return new ActionInfo(name, action, changesContainer, folder, readsFilesAtRunTime, scalarArgument, reported);
    }

    ActionInfo readingFilesAtRunTime() {
        return new ActionInfo(name, action, changesContainer, lookupFolder, true, scalarArgument, reported);
    }

    ActionInfo takingAScalar() {
        return new ActionInfo(name, action, changesContainer, lookupFolder, readsFilesAtRunTime, true, reported);
    }

    ActionInfo unreported() {
        return new ActionInfo(name, action, changesContainer, lookupFolder, readsFilesAtRunTime, scalarArgument, false);
    }
}
