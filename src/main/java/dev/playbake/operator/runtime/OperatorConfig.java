package dev.playbake.operator.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's configuration: the Docker hosts builds run on, e.g.
 * {@code playbake.operator.hosts.docker-1.uri=tcp://10.0.0.5:2376} and {@code ...docker-1.concurrency=4}.
 */
@ConfigMapping(prefix = "playbake.operator")
public interface OperatorConfig {

    /** Docker hosts by name; the name is what status.buildHost shows. */
    Map<String, Host> hosts();

    /**
     * A file holding the key of the keyed hash that stands for secret vars in cache keys (mount it from a
     * Secret); without one a random key per operator process is used, so such builds miss the cache after a
     * restart (correct, only slower).
     */
    Optional<String> cacheKeyFile();

    /**
     * This operator's name on the Docker hosts (label {@code playbake.dev/operator} of its build containers): it
     * only ever removes containers with its own name. Keep it stable across restarts and distinct per deployment
     * (the chart uses {@code <namespace>/<release>}).
     */
    @WithDefault("playbake")
    String instance();

    /** Namespaces whose ImageBuilds are reconciled; none means all. */
    Optional<Set<String>> namespaces();

    /** How the operator talks to its Docker hosts. */
    Docker docker();

    /**
     * How long a stopping operator (SIGTERM) waits for its canceled builds to remove their containers before it
     * records them Interrupted and exits; keep it well under the pod's terminationGracePeriodSeconds.
     */
    @WithDefault("20s")
    Duration shutdownTimeout();

    /** Timeouts of the calls to Docker hosts. */
    interface Docker {

        /**
         * How long a control call (ping, inspect, create, start, remove, list) waits for an answer; longer
         * calls (exec, pull, push, commit) are bounded by the build's timeout and cancellation instead.
         */
        @WithDefault("30s")
        Duration responseTimeout();

        /** How often each host is pinged for health (also the ping's timeout). */
        @WithDefault("5s")
        Duration healthInterval();
    }

    /** One Docker host. */
    interface Host {

        /** {@code unix:///var/run/docker.sock} or {@code tcp://host:2376} (TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH). */
        String uri();

        /** Builds that may run on it at once. */
        @WithDefault("2")
        int concurrency();
    }
}
