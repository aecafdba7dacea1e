package dev.playbake.template;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where {@code lookup('password')} keeps the passwords it generates, by path relative to the
 * playbook's directory, so that the next use (and the next build) reads the same one.
 */
public interface PasswordStore {

    /** The stored content, or empty when nothing is stored at that path. */
    Optional<String> read(String path);

    /** Stores content at a path, readable by its owner only. */
    void write(String path, String content);

    /** A password made for {@code /dev/null}, which keeps nothing: told all the same, so that it can be masked. */
    default void discarded(String password) {
    }

    /** Kept for the lifetime of this object only: a build whose context cannot be written to. */
    static PasswordStore inMemory() {
        Map<String, String> stored = new ConcurrentHashMap<>();
        return new PasswordStore() {
            @Override
            public Optional<String> read(String path) {
                return Optional.ofNullable(stored.get(path));
            }

            @Override
            public void write(String path, String content) {
                stored.put(path, content);
            }
        };
    }

    /** Files under a directory (the CLI's build context), as Ansible writes them next to the playbook. */
    static PasswordStore directory(Path root) {
        return new DirectoryPasswordStore(root);
    }
}
