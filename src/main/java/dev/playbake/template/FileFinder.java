package dev.playbake.template;

import java.util.List;
import java.util.Optional;

/** Finds the playbook's own files the way Ansible searches them (role dir first, then the playbook's). */
public interface FileFinder {

    /** A file found: its path relative to the playbook's directory, and its bytes. */
    record Found(String path, byte[] content) {
    }

    /**
     * Looks for {@code name} under {@code kind} ({@code files}, {@code templates}, {@code vars},
     * {@code tasks}) in the current role, then next to the playbook, then as given.
     */
    Optional<Found> find(String kind, String name, Variables vars);

    /** Files matching a glob ({@code *.conf}) in the same places, sorted. */
    List<String> glob(String kind, String pattern, Variables vars);

    /**
     * What a path on the controller is, for the tests {@code is file}, {@code is directory},
     * {@code is exists}: {@code file} or {@code directory}, empty when absent. A relative path is the
     * playbook directory's, as ansible-playbook run from there resolves it; an absolute one outside
     * that directory is not part of a build and fails with a {@link TemplateException}.
     */
    default Optional<String> pathType(String path) {
        return Optional.empty();
    }
}
