package dev.playbake.operator.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
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

    /** Where HTTP that playbooks' modules make from the operator's process may connect. */
    Egress egress();

    /** One Docker host. */
    interface Host {

        /** {@code unix:///var/run/docker.sock} or {@code tcp://host:2376} (TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH). */
        String uri();

        /** Builds that may run on it at once. */
        @WithDefault("2")
        int concurrency();
    }

    /**
     * The egress policy's allow list (README, "What a playbook reaches from the operator"): by default loopback,
     * link-local, unspecified and multicast addresses, the API server, the operator's own addresses and the
     * Docker hosts are refused.
     */
    interface Egress {

        /** CIDR blocks, addresses and host names that stay reachable although the default refuses them. */
        Optional<List<String>> allow();
    }
}
