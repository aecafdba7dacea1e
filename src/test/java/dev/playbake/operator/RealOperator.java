package dev.playbake.operator;

import dev.playbake.imagebuild.PublishGate;
import dev.playbake.operator.cluster.ClusterInputs;
import dev.playbake.operator.cluster.ConfigMapBuildLogs;
import dev.playbake.operator.cluster.KubernetesBuildEvents;
import dev.playbake.operator.reconcile.BaseImagePolling;
import dev.playbake.operator.reconcile.BaseImageWatch;
import dev.playbake.operator.reconcile.BuildHost;
import dev.playbake.operator.reconcile.BuildLogKeeper;
import dev.playbake.operator.reconcile.BuildMetrics;
import dev.playbake.operator.reconcile.BuildScheduler;
import dev.playbake.operator.reconcile.ImageBuildReconciler;
import dev.playbake.operator.reconcile.Leadership;
import dev.playbake.operator.runtime.BuildContainerPolicies;
import dev.playbake.operator.runtime.DockerBaseImageLookup;
import dev.playbake.operator.runtime.DockerContainerCleaner;
import dev.playbake.operator.runtime.DockerHostBuilder;
import dev.playbake.operator.runtime.DockerHostMonitor;
import dev.playbake.operator.runtime.LeaderLease;
import dev.playbake.operator.runtime.OperatorConfig;
import dev.playbake.operator.runtime.OperatorEgress;
import dev.playbake.operator.runtime.OperatorInstance;
import dev.playbake.operator.runtime.OperatorRegistryCache;
import dev.playbake.operator.runtime.Operators;
import dev.playbake.operator.runtime.TenantIsolation;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The operator wired as OperatorBeans wires it (the real builder and cleaner on the dev-env Docker engine), in
 * the test's JVM, with the configuration's default build-container limits and an instance name of its own so that
 * it never touches other tests' containers. By default it allows local-only base images (the dev-env's
 * {@code playbake-test/*} images are made on the host) and pushes ImageBuilds without a pushSecretRef with
 * {@link #DEFAULT_PUSH_SECRET}.
 */
final class RealOperator implements AutoCloseable {

    /** The default push secret of the dev-env registry's credentials, in namespace default. */
    static final ClusterInputs.SecretName DEFAULT_PUSH_SECRET =
            new ClusterInputs.SecretName("default", "playbake-default-push");
    /** Where it keeps build logs. */
    static final String LOG_NAMESPACE = "default";
    /** Ended builds each ImageBuild's history lists, and whose logs it keeps: few, so that tests see the oldest go. */
    static final int BUILD_HISTORY = 3;
    /** The isolation of the chart's defaults, but for local-only base images. */
    static final TenantIsolation DEV_ENV = TenantIsolation.of(true, false, Duration.ofHours(24));

    /**
     * How the operator is configured.
     *
     * @param concurrency       builds at once on the local Docker host
     * @param isolation         the tenant isolation its builds run under
     * @param defaultPushSecret the Secret that pushes ImageBuilds without a pushSecretRef, if any
     * @param namespaces        the namespaces it watches; all when empty
     * @param polling           how often a spec may have its base image looked up
     */
    record Setup(int concurrency, TenantIsolation isolation, Optional<ClusterInputs.SecretName> defaultPushSecret,
                 Set<String> namespaces, BaseImagePolling polling) {

        /** With the configuration's minimum base image poll interval. */
        Setup(int concurrency, TenantIsolation isolation, Optional<ClusterInputs.SecretName> defaultPushSecret,
              Set<String> namespaces) {
            this(concurrency, isolation, defaultPushSecret, namespaces,
                    new BaseImagePolling(BaseImagePolling.DEFAULT_MINIMUM));
        }

        /** This setup watching only these namespaces. */
        Setup watching(Set<String> watched) {
            return new Setup(concurrency, isolation, defaultPushSecret, watched, polling);
        }

        /** This setup letting specs have their base image looked up as often as every {@code minimum}. */
        Setup pollingAtLeastEvery(Duration minimum) {
            return new Setup(concurrency, isolation, defaultPushSecret, namespaces, new BaseImagePolling(minimum));
        }
    }

    final OperatorInstance instance = new OperatorInstance("it-" + UUID.randomUUID().toString().substring(0, 8));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final BuildScheduler scheduler;
    private final DockerHostMonitor monitor;
    private final BaseImageWatch watch;
    private final Operator operator;
    private final ImageBuildReconciler reconciler;
    private final BuildLogKeeper logs;

    /** @param hosts Docker host URIs by name, each with {@code setup.concurrency()} slots */
    private RealOperator(KubernetesClient client, Setup setup, Optional<OperatorConfig.LeaderElection> election,
                         Map<String, String> hosts, Optional<OperatorRegistryCache> registryCache,
                         String logNamespace) {
        monitor = new DockerHostMonitor(hosts, Duration.ofSeconds(1), Clock.systemUTC());
        var egress = OperatorEgress.policy(List.of(), OperatorEgress.apiServers(URI.create(client.getMasterUrl()
                .toString())), List.copyOf(hosts.values()));
        scheduler = new BuildScheduler(new TreeMap<>(hosts).entrySet().stream().map(host -> new BuildHost(host.getKey(),
                setup.concurrency(), new DockerHostBuilder(host.getValue(), new byte[32], instance, setup.isolation(),
                        egress, Duration.ofSeconds(30), PublishGate.OPEN, registryCache))).toList(), Clock.systemUTC(),
                monitor::isDown);
        Optional<LeaderLease> lease = election.map(e -> new LeaderLease(client, e, instance, Clock.systemUTC()));
        Leadership leadership = lease.<Leadership>map(l -> l).orElse(Leadership.SOLE);
        logs = new BuildLogKeeper(new ConfigMapBuildLogs(client, logNamespace), leadership, BUILD_HISTORY,
                Duration.ofSeconds(1));
        watch = new BaseImageWatch(new DockerBaseImageLookup(hosts, Duration.ofSeconds(30), monitor::isDown));
        ImageBuildReconciler reconciler = new ImageBuildReconciler(
                new ClusterInputs(client, setup.defaultPushSecret()), scheduler,
                new DockerContainerCleaner(hosts, instance, Duration.ofSeconds(20), Duration.ofSeconds(30),
                        monitor::isDown),
                new KubernetesBuildEvents(client), new BuildMetrics(meters, scheduler), Clock.systemUTC(),
                BuildContainerPolicies.from(OperatorConfigs.of(Map.of()).buildContainer()), leadership,
                setup.polling(), watch, logs);
        monitor.whenRecovered(host -> reconciler.removeLeftovers());
        this.reconciler = reconciler;
        operator = Operators.create(client, reconciler, setup.namespaces(), meters,
                lease.map(l -> l.configuration(reconciler::removeLeftovers, () -> { })));
    }

    /** {@code listener} hears the host each time a build ends there, as the operator's cache collector does. */
    void whenBuildEnds(java.util.function.Consumer<String> listener) {
        scheduler.whenBuildEnds(listener);
    }

    private static Map<String, String> local() {
        return Map.of("local", TestEnvironment.get().dockerHost());
    }

    /** The class's default setup: dev-env isolation, the default push secret (created now), every namespace. */
    static Setup devEnv(KubernetesClient client, int concurrency) {
        return new Setup(concurrency, DEV_ENV, Optional.of(defaultPushSecret(client)), Set.of());
    }

    /** Starts an operator with this many builds at once on the local Docker host, as the class says. */
    static RealOperator start(KubernetesClient client, int concurrency) {
        return start(client, devEnv(client, concurrency));
    }

    /** Starts an operator configured so. */
    static RealOperator start(KubernetesClient client, Setup setup) {
        return startOn(client, setup, local());
    }

    /** Starts an operator configured so on these Docker hosts (URIs by name). */
    static RealOperator startOn(KubernetesClient client, Setup setup, Map<String, String> hosts) {
        return startOn(client, setup, hosts, Optional.empty());
    }

    /** Starts an operator configured so on these Docker hosts, with snapshots shared through a registry. */
    static RealOperator startOn(KubernetesClient client, Setup setup, Map<String, String> hosts,
                                Optional<OperatorRegistryCache> registryCache) {
        RealOperator real = new RealOperator(client, setup, Optional.empty(), hosts, registryCache, LOG_NAMESPACE);
        real.operator.start();
        return real;
    }

    /** Starts an operator configured so that reconciles only while it holds the lease {@code election} names. */
    static RealOperator startElected(KubernetesClient client, Setup setup, OperatorConfig.LeaderElection election) {
        return startElected(client, setup, election, LOG_NAMESPACE);
    }

    /** The same, keeping build logs in {@code logNamespace}. */
    static RealOperator startElected(KubernetesClient client, Setup setup, OperatorConfig.LeaderElection election,
                                     String logNamespace) {
        RealOperator real = new RealOperator(client, setup, Optional.of(election), local(), Optional.empty(),
                logNamespace);
        real.operator.start();
        return real;
    }

    /** Creates {@link #DEFAULT_PUSH_SECRET} (again) and names it. */
    static ClusterInputs.SecretName defaultPushSecret(KubernetesClient client) {
        TestEnvironment env = TestEnvironment.get();
        ImageBuilds.registrySecret(client, DEFAULT_PUSH_SECRET.namespace(), DEFAULT_PUSH_SECRET.name(),
                env.credentials(env.registry()));
        return DEFAULT_PUSH_SECRET;
    }

    /**
     * A base image watch through the local Docker host, for the operators tests wire themselves; its threads are
     * daemons, idle while no spec asks.
     */
    static BaseImageWatch localWatch() {
        return new BaseImageWatch(new DockerBaseImageLookup(local(), Duration.ofSeconds(30), host -> false));
    }

    /** The builds whose snapshots its cache collection keeps. */
    Set<String> owners() {
        return reconciler.owners();
    }

    Set<String> keptBuilds() {
        return reconciler.keptBuilds();
    }

    @Override
    public void close() {
        operator.stop();
        watch.close();
        scheduler.close();
        logs.close();
        monitor.close();
    }
}
