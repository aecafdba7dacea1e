package dev.playbake.connection;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command to run in the container.
 *
 * @param argv     the program and its arguments, not interpreted by a shell
 * @param stdin    bytes fed to the command's standard input (empty: none)
 * @param env      extra environment variables
 * @param user     user[:group] to run as; empty for the container's default
 * @param workdir  working directory; empty for the container's default
 */
public record ExecRequest(List<String> argv, byte[] stdin, Map<String, String> env, String user, String workdir) {

    public ExecRequest {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("an exec needs a program");
        }
        stdin = Objects.requireNonNullElse(stdin, new byte[0]);
        env = Map.copyOf(env);
        user = Objects.requireNonNullElse(user, "");
        workdir = Objects.requireNonNullElse(workdir, "");
    }

    /** A plain command with no stdin, env, user or workdir. */
    public static ExecRequest of(String... argv) {
        return new ExecRequest(List.of(argv), new byte[0], Map.of(), "", "");
    }

    /** A POSIX shell script run with {@code /bin/sh -c}. */
    public static ExecRequest shell(String script) {
        return of("/bin/sh", "-c", script);
    }

    public ExecRequest withStdin(byte[] input) {
        return new ExecRequest(argv, input, env, user, workdir);
    }

    public ExecRequest withEnv(Map<String, String> variables) {
        return new ExecRequest(argv, stdin, variables, user, workdir);
    }

    public ExecRequest withUser(String runAs) {
        return new ExecRequest(argv, stdin, env, runAs, workdir);
    }

    public ExecRequest withWorkdir(String dir) {
        return new ExecRequest(argv, stdin, env, user, dir);
    }
}
