package dev.playbake.operator.runtime;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
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

    /**
     * Whether an image only a Docker host has (no registry digest, not made by playbake) may be a base image without
     * a pull; every other base image is pulled with the ImageBuild's own pull secret for every build.
     */
    @WithDefault("false")
    boolean allowLocalImages();

    /** Whether snapshots and finished images serve every namespace; by default only the namespace that made them. */
    @WithDefault("false")
    boolean shareCache();

    /**
     * {@code <namespace>/<name>} of a kubernetes.io/dockerconfigjson Secret that pushes ImageBuilds without a
     * pushSecretRef of their own (never used to pull); without one such ImageBuilds are refused.
     */
    Optional<String> defaultPushSecret();

    /** How long a failed build's {@code -failed} debug image is kept on its Docker host; 0 keeps none. */
    @WithDefault("24h")
    @WithConverter(DurationConverter.class)
    Duration debugImageRetention();

    /**
     * How many ended builds of each ImageBuild status.history lists and the operator keeps the logs of (as
     * ConfigMaps in {@link #logNamespace}); 0 keeps none.
     */
    @WithDefault("10")
    int buildHistory();

    /** Where build logs are kept: the operator's own namespace (by default the one its service account is in). */
    Optional<String> logNamespace();

    /**
     * Whether a failed build's debug image (kept when {@link #debugImageRetention()} is not 0 and the build had no
     * secret vars) is also pushed as {@code <tag>-failed} to the build's output repository, where a cluster user can
     * pull it; the Docker host's copy is swept after the retention, the registry's is the repository owner's.
     */
    @WithDefault("true")
    boolean pushDebugImages();

    /** Limits and network of build containers: defaults for specs that set none, and the most a spec may ask. */
    BuildContainer buildContainer();

    /** Where HTTP that playbooks' modules make from the operator's process may connect. */
    Egress egress();

    /** How the operator talks to its Docker hosts. */
    Docker docker();

    /**
     * How long a stopping operator (SIGTERM) waits for its canceled builds to remove their containers before it
     * records them Interrupted and exits; keep it well under the pod's terminationGracePeriodSeconds.
     */
    @WithDefault("20s")
    @WithConverter(DurationConverter.class)
    Duration shutdownTimeout();

    /** The snapshot cache on the Docker hosts: how much of each host it may take. */
    Cache cache();

    /** Which replica of the deployment reconciles and builds: the one that holds a Kubernetes Lease. */
    LeaderElection leaderElection();

    /** How the base images of ImageBuilds with {@code spec.rebuild.baseImagePollInterval} are watched. */
    BaseImagePoll baseImagePoll();

    /** {@code playbake.operator.base-image-poll.*}. */
    interface BaseImagePoll {

        /**
         * The shortest interval a spec may ask for: every look is a manifest request to the image's registry (from a
         * Docker host), and registries limit how often they may be asked.
         */
        @WithDefault("1m")
        @WithConverter(DurationConverter.class)
        Duration minInterval();
    }

    /** The build log API the API server's aggregation layer reaches (docs/operator.md, "Build logs and history"). */
    LogApi logApi();

    /** The build log API's port and certificate. */
    interface LogApi {

        /** Whether to serve it; it also needs a cluster whose API server has a front proxy configured. */
        @WithDefault("true")
        boolean enabled();

        /** Its HTTPS port. */
        @WithDefault("8443")
        int port();

        /** A PEM certificate to serve (the chart's, signed by the CA its APIService names); unset: self-signed. */
        Optional<String> tlsCertFile();

        /** The key of {@link #tlsCertFile()}. */
        Optional<String> tlsKeyFile();

        /** Requests served at once, each followed log holding one; more are answered 429. */
        @WithDefault("32")
        int maxRequests();
    }

    /** Timeouts of the calls to Docker hosts. */
    interface Docker {

        /**
         * How long a control call (ping, inspect, create, start, remove, list) waits for an answer; longer
         * calls (exec, pull, push, commit) are bounded by the build's timeout and cancellation instead.
         */
        @WithDefault("30s")
        @WithConverter(DurationConverter.class)
        Duration responseTimeout();

        /** How often each host is pinged for health (also the ping's timeout). */
        @WithDefault("5s")
        @WithConverter(DurationConverter.class)
        Duration healthInterval();
    }

    /** {@code playbake.operator.cache.*}. */
    interface Cache {

        /**
         * Bytes this operator's snapshots may take on each Docker host (a Kubernetes quantity: 20Gi); beyond it the
         * oldest snapshots no ImageBuild's newest build stands on are removed. 0 keeps every snapshot.
         */
        @WithDefault("20Gi")
        String budget();

        /** How often each host's snapshots are brought within the budget. */
        @WithDefault("5m")
        @WithConverter(DurationConverter.class)
        Duration collectInterval();

        /**
         * A registry repository (no tag) under which every build exports its snapshots and imports those its host
         * lacks: {@code <registry>/<namespace>} per namespace, {@code <registry>/shared} when the cache is shared.
         */
        Optional<String> registry();

        /**
         * {@code <namespace>/<name>} of a kubernetes.io/dockerconfigjson Secret with the credentials for {@link
         * #registry()}, read with the operator's own rights when it starts; tenants never see it.
         */
        Optional<String> registrySecret();

        /**
         * How long a snapshot in a registry cache repository that no ImageBuild's newest build stands on is kept
         * (0: no retention); collected every {@link #collectInterval()}.
         */
        @WithDefault("7d")
        @WithConverter(DurationConverter.class)
        Duration registryRetention();

        /**
         * Bytes of blobs each registry cache repository's snapshots may reference (a Kubernetes quantity); beyond
         * it the oldest no newest build stands on are deleted. 0: no budget.
         */
        @WithDefault("20Gi")
        String registryBudget();
    }

    /**
     * {@code playbake.operator.leader-election.*}: replicas of one deployment (one instance name) elect a leader
     * with a Lease; only the leader reconciles, builds and writes, the others wait to take over.
     */
    interface LeaderElection {

        /** Off only where exactly one process can ever run (a replica count of one is not enough: rollouts overlap). */
        @WithDefault("true")
        boolean enabled();

        /** The Lease's name; by default derived from the instance name, so each deployment has its own. */
        Optional<String> leaseName();

        /** The Lease's namespace; by default the namespace of the operator's own client (its pod's). */
        Optional<String> leaseNamespace();

        /** This replica's name in the Lease; by default HOSTNAME (the pod's name), else a random one. */
        Optional<String> identity();

        /** How long a Lease not renewed stays with its holder; a replica takes over after at most this. */
        @WithDefault("15s")
        @WithConverter(DurationConverter.class)
        Duration leaseDuration();

        /** How long the leader keeps trying to renew before it gives up; and how long it trusts a renewal. */
        @WithDefault("10s")
        @WithConverter(DurationConverter.class)
        Duration renewDeadline();

        /** How often the Lease is renewed by the leader, and tried by the others. */
        @WithDefault("2s")
        @WithConverter(DurationConverter.class)
        Duration retryPeriod();
    }

    /** One Docker host. */
    interface Host {

        /** {@code unix:///var/run/docker.sock} or {@code tcp://host:2376} (TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH). */
        String uri();

        /** Builds that may run on it at once. */
        @WithDefault("2")
        int concurrency();
    }

    /** {@code playbake.operator.build-container.*}. */
    interface BuildContainer {

        /** Memory, swap included (Kubernetes quantities). */
        Memory memory();

        /** CPUs (Kubernetes quantities: 2, 500m). */
        Cpu cpu();

        /** Processes and threads at once. */
        Pids pids();

        /** The network. */
        Network network();

        /** Memory's default and maximum. */
        interface Memory {
            @WithName("default")
            @WithDefault("2Gi")
            String defaultValue();

            @WithDefault("8Gi")
            String max();
        }

        /** CPU's default and maximum. */
        interface Cpu {
            @WithName("default")
            @WithDefault("2")
            String defaultValue();

            @WithDefault("4")
            String max();
        }

        /** The pids limit's default and maximum. */
        interface Pids {
            @WithName("default")
            @WithDefault("1024")
            String defaultValue();

            @WithDefault("4096")
            String max();
        }

        /** The network of a spec that names none, and the ones a spec may name ({@code Bridge}, {@code None}). */
        interface Network {
            @WithName("default")
            @WithDefault("Bridge")
            String defaultValue();

            @WithDefault("Bridge,None")
            Set<String> allowed();
        }
    }

    /**
     * The egress policy's allow list (docs/operator.md, "What a playbook reaches from the operator"): by default loopback,
     * link-local, unspecified and multicast addresses, the API server, the operator's own addresses and the
     * Docker hosts are refused.
     */
    interface Egress {

        /** CIDR blocks, addresses and host names that stay reachable although the default refuses them. */
        Optional<List<String>> allow();
    }
}
