package dev.playbake.engine;

import dev.playbake.connection.Connection;
import dev.playbake.modules.ArtifactFolder;
import dev.playbake.modules.ServiceStatePolicy;
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
 * @param serviceState what service modules do with a running-state request (started, restarted, …): recorded by default
 * @param artifacts    where {@code fetch} writes on the host; empty when the build has no artifact folder
 * @param controller   what the controller lends the playbook (network, environment)
 */
public record RunContext(Connection connection, SourceFiles files, Map<String, Object> extraVars, String hostname,
                         EngineListener listener, Redactor redactor, TagSelection tags, int resumeFrom,
                         HostState state, StepObserver observer, BooleanSupplier canceled,
                         ServiceStatePolicy serviceState, Optional<ArtifactFolder> artifacts,
                         ControllerAccess controller) {

    /** A context for a run of {@code files} in the container {@code hostname}, the rest at its defaults. */
    public static Builder builder(Connection connection, SourceFiles files, String hostname) {
        return new Builder(connection, files, hostname);
    }

    /**
     * Builds a context by name rather than by position: no extra vars, no listener, nothing redacted,
     * every tag, from the first step with a fresh host state, never canceled, service states recorded, no artifact folder,
     * the controller's network and environment open (as on the user's own machine).
     */
    public static final class Builder {
        private final Connection connection;
        private final SourceFiles files;
        private final String hostname;
        private Map<String, Object> extraVars = Map.of();
        private EngineListener listener = EngineListener.NONE;
        private Redactor redactor = Redactor.none();
        private TagSelection tags = TagSelection.ALL;
        private int resumeFrom;
        private HostState state = new HostState();
        private StepObserver observer = StepObserver.NONE;
        private BooleanSupplier canceled = () -> false;
        private ServiceStatePolicy serviceState = ServiceStatePolicy.RECORD;
        private Optional<ArtifactFolder> artifacts = Optional.empty();
        private ControllerAccess controller = ControllerAccess.open();

        private Builder(Connection connection, SourceFiles files, String hostname) {
            this.connection = connection;
            this.files = files;
            this.hostname = hostname;
        }

        public Builder extraVars(Map<String, Object> extraVars) {
            this.extraVars = extraVars;
            return this;
        }

        public Builder listener(EngineListener listener) {
            this.listener = listener;
            return this;
        }

        public Builder redactor(Redactor redactor) {
            this.redactor = redactor;
            return this;
        }

        public Builder tags(TagSelection tags) {
            this.tags = tags;
            return this;
        }

        public Builder resumeFrom(int resumeFrom) {
            this.resumeFrom = resumeFrom;
            return this;
        }

        public Builder state(HostState state) {
            this.state = state;
            return this;
        }

        public Builder observer(StepObserver observer) {
            this.observer = observer;
            return this;
        }

        public Builder canceled(BooleanSupplier canceled) {
            this.canceled = canceled;
            return this;
        }

        public Builder serviceState(ServiceStatePolicy serviceState) {
            this.serviceState = serviceState;
            return this;
        }

        public Builder artifacts(Optional<ArtifactFolder> artifacts) {
            this.artifacts = artifacts;
            return this;
        }

        public Builder controller(ControllerAccess controller) {
            this.controller = controller;
            return this;
        }

        public RunContext build() {
            return new RunContext(connection, files, extraVars, hostname, listener, redactor, tags, resumeFrom, state,
                    observer, canceled, serviceState, artifacts, controller);
        }
    }
}
