package dev.playbake.operator.reconcile;

import java.util.List;
import java.util.Optional;

/** Where the operator keeps the log of each build of an ImageBuild, for its history. */
public interface BuildLogs {

    /** The label every stored log carries, with its ImageBuild's UID: the input informers leave such objects out. */
    String IMAGEBUILD_UID = "playbake.dev/imagebuild-uid";

    /** Keeps nothing: for an operator run without a place to keep logs, and for tests of other parts. */
    BuildLogs NONE = new BuildLogs() {
        @Override
        public void save(Key key, BuildLog log, boolean complete) {
        }

        @Override
        public void prune(String uid, int keep) {
        }

        @Override
        public void deleteAll(String uid) {
        }

        @Override
        public List<Stored> list(String uid) {
            return List.of();
        }

        @Override
        public Optional<Stored> read(String uid, String buildId) {
            return Optional.empty();
        }
    };

    /** Stores the log of a build as it is now, replacing what was stored of it; {@code complete} once it ended. */
    void save(Key key, BuildLog log, boolean complete);

    /** Removes the logs of an ImageBuild's builds but its newest {@code keep}. */
    void prune(String uid, int keep);

    /** Removes every log of an ImageBuild (it was deleted). */
    void deleteAll(String uid);

    /** The stored logs of an ImageBuild's builds, newest first, without their text. */
    List<Stored> list(String uid);

    /** One build's stored log, with its text. */
    Optional<Stored> read(String uid, String buildId);

    /**
     * Which build a log is of.
     *
     * @param namespace the ImageBuild's namespace
     * @param name      the ImageBuild's name
     * @param uid       the ImageBuild's UID: logs of a deleted and re-created ImageBuild are not its new one's
     * @param buildId   the build's ID
     * @param counter   its build counter
     * @param attempt   its attempt
     */
    record Key(String namespace, String name, String uid, String buildId, long counter, int attempt) {
    }

    /**
     * A stored log.
     *
     * @param key      which build it is of
     * @param complete whether the build had ended when it was stored
     * @param text     the log; empty in {@link #list}
     */
    record Stored(Key key, boolean complete, String text) {
    }
}
