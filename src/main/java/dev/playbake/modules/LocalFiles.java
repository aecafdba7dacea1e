package dev.playbake.modules;

import java.util.Optional;

/** The playbook's own files (copy's {@code src}), found as Ansible finds them: the role's, then the playbook's. */
public interface LocalFiles {

    /** A file found, with its path relative to the playbook, for messages. */
    record Found(String path, byte[] content) {
    }

    /** Looks for {@code name} under {@code kind} ({@code files}, {@code templates}). */
    Optional<Found> find(String kind, String name);

    /** Regular files under a directory found the same way, by path relative to that directory, sorted. */
    java.util.List<Found> tree(String kind, String directory);
}
