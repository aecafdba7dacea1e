package dev.playbake.operator.runtime;

import dev.playbake.api.BuildContainerPolicy;
import dev.playbake.api.Quantities;
import dev.playbake.image.ImageReference;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.operator.cluster.ClusterInputs;
import dev.playbake.operator.cluster.ConfigMapBuildLogs;
import dev.playbake.operator.cluster.DockerConfigJson;
import dev.playbake.operator.cluster.KubernetesBuildEvents;
import dev.playbake.operator.reconcile.BaseImagePolling;
import dev.playbake.operator.reconcile.BaseImageWatch;
import dev.playbake.operator.reconcile.BuildEvents;
import dev.playbake.operator.reconcile.BuildHost;
import dev.playbake.operator.reconcile.BuildLogKeeper;
import dev.playbake.operator.reconcile.BuildMetrics;
import dev.playbake.operator.reconcile.BuildScheduler;
import dev.playbake.operator.reconcile.ContainerCleaner;
import dev.playbake.operator.reconcile.ImageBuildReconciler;
import dev.playbake.operator.reconcile.InputsSource;
import dev.playbake.operator.reconcile.Leadership;
import dev.playbake.imagebuild.PublishGate;
import dev.playbake.modules.egress.EgressPolicy;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** CDI wiring of the reconciler's collaborators; the classes themselves know nothing of CDI. */
@ApplicationScoped
public class OperatorBeans {

    /** How long a delete waits for one Docker host; a removal not done by then goes on in the background. */
    static final Duration CLEANUP_WAIT = Duration.ofSeconds(2);

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The leader lease of this deployment's replicas, or {@link Leadership#SOLE} when election is off. */
    @Produces
    @Singleton
    Leadership leadership(OperatorConfig config, KubernetesClient client, Clock clock) {
        return config.leaderElection().enabled()
                ? new LeaderLease(client, config.leaderElection(), new OperatorInstance(config.instance()), clock)
                : Leadership.SOLE;
    }

    /**
     * The real build pipeline (ImageBuilder) on each configured Docker host, behind the operator's egress policy; a
     * build of a replica that lost the lease does not push.
     */
    @Produces
    @Singleton
    BuilderFactory builders(OperatorConfig config, KubernetesClient client, Leadership leadership) {
        byte[] cacheKey = CacheKey.load(config.cacheKeyFile());
        OperatorInstance instance = new OperatorInstance(config.instance(),
                leadership instanceof LeaderLease lease ? lease.identity() : "");
        PublishGate gate = () -> leadership.held() ? Optional.empty()
                : Optional.of("this operator replica lost its leader lease; the new leader builds it");
        TenantIsolation isolation = TenantIsolation.of(config);
        EgressPolicy egress = OperatorEgress.policy(config.egress().allow().orElse(List.of()),
                OperatorEgress.apiServers(URI.create(client.getMasterUrl().toString())),
                config.hosts().values().stream().map(OperatorConfig.Host::uri).toList());
        Optional<OperatorRegistryCache> registryCache = registryCache(config, client);
        return (name, uri) -> new DockerHostBuilder(uri, cacheKey, instance, isolation, egress,
                config.docker().responseTimeout(), gate, registryCache);
    }

    /** The credentials for the cache registry in a dockerconfigjson Secret; a missing Secret stops the start. */
    private static Optional<RegistryCredentials> registryCredentials(KubernetesClient client,
                                                                     ClusterInputs.SecretName name, String repository) {
        Secret secret = client.secrets().inNamespace(name.namespace()).withName(name.name()).get();
        if (secret == null || secret.getData() == null || !secret.getData().containsKey(".dockerconfigjson")) {
            throw new IllegalStateException("playbake.operator.cache.registry-secret: no Secret " + name.namespace()
                    + "/" + name.name() + " with a .dockerconfigjson");
        }
        String json = new String(Base64.getDecoder().decode(secret.getData().get(".dockerconfigjson")),
                StandardCharsets.UTF_8);
        String host = ImageReference.parse(repository).registryHost().orElse("docker.io");
        return Optional.ofNullable(DockerConfigJson.credentials(json).get(host));
    }

    /** Pings the Docker hosts in the background; health, scheduling and cleanup read its state. */
    @Produces
    @Singleton
    DockerHostMonitor monitor(OperatorConfig config, Clock clock) {
        return new DockerHostMonitor(hostUris(config), config.docker().healthInterval(), clock);
    }

    void closeMonitor(@Disposes DockerHostMonitor monitor) {
        monitor.close();
    }

    @Produces
    @Singleton
    BuildScheduler scheduler(OperatorConfig config, BuilderFactory builders, DockerHostMonitor monitor, Clock clock) {
        return new BuildScheduler(new TreeMap<>(config.hosts()).entrySet().stream()
                .map(host -> new BuildHost(host.getKey(), host.getValue().concurrency(),
                        builders.builderFor(host.getKey(), host.getValue().uri())))
                .toList(), clock, monitor::isDown);
    }

    void closeScheduler(@Disposes BuildScheduler scheduler) {
        scheduler.close();
    }

    @Produces
    @Singleton
    BuildMetrics metrics(MeterRegistry registry, BuildScheduler scheduler) {
        return new BuildMetrics(registry, scheduler);
    }

    @Produces
    @Singleton
    InputsSource inputs(KubernetesClient client, OperatorConfig config) {
        return new ClusterInputs(client, config.defaultPushSecret().map(ClusterInputs.SecretName::parse));
    }

    @Produces
    @Singleton
    BuildEvents events(KubernetesClient client) {
        return new KubernetesBuildEvents(client);
    }

    @Produces
    @Singleton
    BuildContainerPolicy containerPolicy(OperatorConfig config) {
        return BuildContainerPolicies.from(config.buildContainer());
    }

    /** Each build's log, kept as ConfigMaps in the operator's namespace. */
    @Produces
    @Singleton
    BuildLogKeeper buildLogs(OperatorConfig config, KubernetesClient client, Leadership leadership) {
        return new BuildLogKeeper(new ConfigMapBuildLogs(client, logNamespace(config, client)), leadership,
                config.buildHistory(), BuildLogKeeper.INTERVAL);
    }

    /** Where build logs are kept: as configured, else the namespace of the operator's service account. */
    static String logNamespace(OperatorConfig config, KubernetesClient client) {
        return config.logNamespace().or(() -> Optional.ofNullable(client.getConfiguration().getNamespace()))
                .orElse("default");
    }

    void closeBuildLogs(@Disposes BuildLogKeeper logs) {
        logs.close();
    }

    /** Looks up the base images of the ImageBuilds that ask, through the Docker hosts. */
    @Produces
    @Singleton
    BaseImageWatch baseImageWatch(OperatorConfig config, DockerHostMonitor monitor) {
        return new BaseImageWatch(new DockerBaseImageLookup(hostUris(config), config.docker().responseTimeout(),
                monitor::isDown));
    }

    void closeBaseImageWatch(@Disposes BaseImageWatch watch) {
        watch.close();
    }

    @Produces
    @Singleton
    ImageBuildReconciler reconciler(InputsSource inputs, BuildScheduler scheduler, ContainerCleaner cleaner,
                                    BuildEvents events, BuildMetrics metrics, Clock clock,
                                    BuildContainerPolicy containerPolicy, Leadership leadership,
                                    OperatorConfig config, BaseImageWatch watch, BuildLogKeeper logs) {
        return new ImageBuildReconciler(inputs, scheduler, cleaner, events, metrics, clock, containerPolicy,
                leadership, new BaseImagePolling(config.baseImagePoll().minInterval()), watch, logs);
    }

    @Produces
    @Singleton
    ContainerCleaner cleaner(OperatorConfig config, DockerHostMonitor monitor) {
        return new DockerContainerCleaner(hostUris(config), new OperatorInstance(config.instance()), CLEANUP_WAIT,
                config.docker().responseTimeout(), monitor::isDown);
    }

    /**
     * Keeps this operator's snapshots and debug images within the cache budget on each host, after every build and on
     * a schedule, and its registry cache within its retention and budget.
     */
    @Produces
    @Singleton
    CacheCollector cacheCollector(OperatorConfig config, ImageBuildReconciler reconciler, Leadership leadership,
                                  DockerHostMonitor monitor, MeterRegistry registry, BuildScheduler scheduler,
                                  KubernetesClient client, Clock clock) {
        long bytes = bytes("playbake.operator.cache.budget", config.cache().budget());
        Optional<RegistryCacheCollector> registryCache = registryCache(config, client).map(cache ->
                new RegistryCacheCollector(cache, config.shareCache(), config.cache().registryRetention(),
                        bytes("playbake.operator.cache.registry-budget", config.cache().registryBudget()),
                        reconciler::owners, reconciler::keptBuilds, clock, registry));
        CacheCollector collector = new CacheCollector(hostUris(config), new OperatorInstance(config.instance()), bytes,
                config.cache().collectInterval(), reconciler::keptBuilds, leadership, monitor::isDown, registry,
                registryCache);
        scheduler.whenBuildEnds(collector::buildEnded);
        return collector;
    }

    private static long bytes(String key, String quantity) {
        return Quantities.parse(quantity).filter(q -> q.signum() >= 0).map(BigDecimal::longValue)
                .orElseThrow(() -> new IllegalArgumentException(key + ": '" + quantity
                        + "' is not a Kubernetes quantity (20Gi, 500Mi, 0)"));
    }

    /** The operator's registry cache, its credentials read from the configured Secret. */
    private static Optional<OperatorRegistryCache> registryCache(OperatorConfig config, KubernetesClient client) {
        return config.cache().registry().map(base ->
                new OperatorRegistryCache(base, config.cache().registrySecret().flatMap(secret ->
                        registryCredentials(client, ClusterInputs.SecretName.parse(secret), base))));
    }

    void closeCollector(@Disposes CacheCollector collector) {
        collector.close();
    }

    /** The sweep of this operator's debug images past their retention (none are kept when it is zero). */
    @Produces
    @Singleton
    DebugImageSweeper debugImages(OperatorConfig config, Clock clock) {
        return new DebugImageSweeper(hostUris(config), new OperatorInstance(config.instance()),
                config.debugImageRetention(), clock);
    }

    void closeSweeper(@Disposes DebugImageSweeper sweeper) {
        sweeper.close();
    }

    private static Map<String, String> hostUris(OperatorConfig config) {
        Map<String, String> uris = new LinkedHashMap<>();
        config.hosts().forEach((name, host) -> uris.put(name, host.uri()));
        return uris;
    }
}
