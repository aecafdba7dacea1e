package dev.playbake.engine;

import dev.playbake.connection.Connection;
import dev.playbake.modules.ArtifactFolder;
import dev.playbake.playbook.SourceFiles;
import dev.playbake.secrets.Redactor;

import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Everything one run of a playbook needs besides the playbook.
 *
 * @param connection   the build container
 * @param files        the playbook's files
 * @param extraVars    extra vars (highest precedence)
 * @param hostname     inventory_hostname of the build container
 * @param listener     progress
 * @param redactor     masks secret values in everything reported
 * @param tags         --tags / --skip-tags
 * @param resumeFrom   plan steps before this index are covered by a snapshot and not run
 * @param state        host state to start from (restored from the snapshot when resuming)
 * @param observer     told after each step
 * @param canceled     polled between tasks
 * @param ignoreServiceState service modules report {@code state} (started, restarted, …) ok without applying it
 * @param artifacts    where {@code fetch} writes on the host; empty when the build has no artifact folder
 */
public record RunContext(Connection connection, SourceFiles files, Map<String, Object> extraVars, String hostname,
                         EngineListener listener, Redactor redactor, TagSelection tags, int resumeFrom,
                         HostState state, StepObserver observer, BooleanSupplier canceled,
                         boolean ignoreServiceState, Optional<ArtifactFolder> artifacts) {
}
