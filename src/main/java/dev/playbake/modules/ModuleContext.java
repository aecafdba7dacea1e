package dev.playbake.modules;

import dev.playbake.connection.Connection;
import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.modules.egress.EgressPolicy;

import java.util.Map;
import java.util.Optional;

/**
 * What a module runs with: its rendered arguments, the connection, and how commands must run
 * (as which user, with which environment), plus check mode and the playbook's files.
 *
 * @param args        rendered arguments, {@code omit}ted ones already removed
 * @param connection  the build container
 * @param user        user to run commands as (become), empty for the container's default
 * @param environment the task's {@code environment}
 * @param checkMode   report what would change without changing it
 * @param files       the playbook's own files
 * @param facts       the host's facts ({@code ansible_facts}), for modules that dispatch on them
 * @param serviceState what service modules do with a running-state request (the image is not booted)
 * @param hostname    inventory_hostname of the build container
 * @param artifacts   the build's artifact folder on the host, for {@code fetch}; empty when the build has none
 * @param egress      where HTTP made by the controller for the module may connect
 */
public record ModuleContext(Map<String, Object> args, Connection connection, String user,
                            Map<String, String> environment, boolean checkMode, LocalFiles files,
                            Map<String, Object> facts, ServiceStatePolicy serviceState, String hostname,
                            Optional<ArtifactFolder> artifacts, EgressPolicy egress) {

    /** Runs a command with the task's user and environment. */
    public ExecResult exec(ExecRequest request) {
        Map<String, String> env = new java.util.LinkedHashMap<>(environment);
        env.putAll(request.env());
        ExecRequest effective = request.withEnv(env);
        if (request.user().isEmpty() && !user.isEmpty()) {
            effective = effective.withUser(user);
        }
        return connection.exec(effective);
    }

    /** Runs a POSIX shell script. */
    public ExecResult sh(String script) {
        return exec(ExecRequest.shell(script));
    }

    /** The same context with other arguments, for a module that hands over to another. */
    public ModuleContext withArgs(Map<String, Object> other) {
        return new ModuleContext(other, connection, user, environment, checkMode, files, facts, serviceState,
                hostname, artifacts, egress);
    }

    public Args arguments() {
        return new Args(args);
    }

    public Optional<Object> fact(String name) {
        return Optional.ofNullable(facts.get(name));
    }
}
