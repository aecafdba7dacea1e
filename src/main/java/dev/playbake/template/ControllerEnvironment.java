package dev.playbake.template;

import java.util.Map;
import java.util.Optional;

/**
 * The environment of the controller as {@code lookup('env')} and {@code expanduser} see it: on the user's own
 * machine (the CLI) the process's, in the operator only the variables the ImageBuild gives, never the operator's.
 */
public sealed interface ControllerEnvironment {

    /** The value of one variable. */
    Optional<String> variable(String name);

    /** {@code ~}: HOME, and on the user's machine the account's home when HOME is unset. */
    Optional<String> home();

    /** Whether {@code ~user} may read the controller's account database (/etc/passwd). */
    boolean readsAccounts();

    /** The variables that are the build's own input, for its cache key; the process's are not (as before). */
    Map<String, String> given();

    /** The process's environment, with {@code overrides} on top (the CLI running an ImageBuild manifest). */
    static ControllerEnvironment process(Map<String, String> overrides) {
        return new Process(Map.copyOf(overrides));
    }

    /** Exactly these variables and nothing of the process (the operator). */
    static ControllerEnvironment only(Map<String, String> variables) {
        return new Only(Map.copyOf(variables));
    }

    /** The machine's own environment, for a build on the user's machine. */
    record Process(Map<String, String> overrides) implements ControllerEnvironment {

        @Override
        public Optional<String> variable(String name) {
            return Optional.ofNullable(overrides.get(name)).or(() -> Optional.ofNullable(System.getenv(name)));
        }

        @Override
        public Optional<String> home() {
            return variable("HOME").or(() -> Optional.ofNullable(System.getProperty("user.home")));
        }

        @Override
        public boolean readsAccounts() {
            return true;
        }

        @Override
        public Map<String, String> given() {
            return overrides;
        }
    }

    /** Only what the build was given: a tenant's playbook never reads the operator's environment or accounts. */
    record Only(Map<String, String> variables) implements ControllerEnvironment {

        @Override
        public Optional<String> variable(String name) {
            return Optional.ofNullable(variables.get(name));
        }

        @Override
        public Optional<String> home() {
            return variable("HOME");
        }

        @Override
        public boolean readsAccounts() {
            return false;
        }

        @Override
        public Map<String, String> given() {
            return variables;
        }
    }
}
