package dev.playbake.operator;

import dev.playbake.api.BuildContainerPolicy;
import dev.playbake.api.v1alpha1.BuildResources;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.LocalObjectRef;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.docker.DockerHost;
import dev.playbake.operator.cluster.ConfigMapBuildLogs;
import dev.playbake.operator.reconcile.BuildLogs;
import dev.playbake.operator.runtime.BuildContainerPolicies;
import dev.playbake.operator.runtime.OperatorConfig;
import dev.playbake.runtime.ContainerLimits;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Helm chart with dev-env's helm: it lints, renders what its values say (read back through the operator's
 * own configuration mapping), what it renders is accepted by the real kube-apiserver, and its RBAC is all the
 * operator needs there.
 */
class HelmChartIT {

    private static final String CHART = "helm/playbake";
    private static final String LEADER_ELECTION = "-operator-leader-election";
    private static final String BUILD_LOGS = "-operator-build-logs";
    private static final String VALUES = """
            image: {repository: registry.example.com/playbake/operator, tag: "9.9.9"}
            dockerHosts:
              - {name: docker-a, uri: "tcp://docker-a.internal:2376", concurrency: 4}
              - {name: docker-b, uri: "tcp://docker-b.internal:2376"}
            dockerTls: {enabled: true, secretName: team-docker-tls}
            watchNamespaces: [team-a, team-b]
            resources:
              requests: {cpu: 250m, memory: 300Mi}
              limits: {memory: 400Mi}
            jvmOptions: "-Xmx128m -XX:+UseSerialGC"
            buildContainer:
              memory: {default: 512Mi, max: 1Gi}
              cpu: {default: 500m, max: 1.5}
              pids: {default: 256, max: 1000000}
              network: {default: None, allowed: [None]}
            imagePullSecrets: [pull-a, pull-b]
            nodeSelector: {pool: builders}
            tolerations:
              - {key: dedicated, operator: Equal, value: builds, effect: NoSchedule}
            affinity:
              nodeAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms:
                    - matchExpressions: [{key: pool, operator: In, values: [builders]}]
            podAnnotations: {team: platform, prometheus.io/scrape: "false", checksum/config: mine}
            podLabels: {team: platform}
            cacheKeySecret: playbake-cache-key
            """;

    @TempDir
    Path dir;

    @Test
    void lintsStrictlyAndRefusesAHostWithoutAUri() throws IOException {
        helm("lint", "--strict", CHART, "-f", values());

        List<String> bad = List.of(helm(), "lint", CHART, "--set", "dockerHosts[0].name=x", "--set", "dockerHosts[0].uri=");
        Commands.Result refused = Commands.run(bad, java.time.Duration.ofMinutes(1));
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stdout().contains("/dockerHosts/0/uri"), refused.stdout());
    }

    @Test
    void rendersANonRootDeploymentWithTheValuesResourcesImageAndTlsSecret() throws IOException {
        Deployment deployment = one(render(), Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container operator = pod.getContainers().get(0);

        assertEquals("ops", deployment.getMetadata().getNamespace());
        assertEquals(2, deployment.getSpec().getReplicas(), "one leads, one stands by");
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(10001L, pod.getSecurityContext().getRunAsUser());
        assertFalse(operator.getSecurityContext().getAllowPrivilegeEscalation());
        assertTrue(operator.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), operator.getSecurityContext().getCapabilities().getDrop());
        assertEquals("registry.example.com/playbake/operator:9.9.9", operator.getImage());
        assertEquals("rel-operator", pod.getServiceAccountName());
        assertEquals(new Quantity("250m"), operator.getResources().getRequests().get("cpu"));
        assertEquals(new Quantity("300Mi"), operator.getResources().getRequests().get("memory"));
        assertEquals(new Quantity("400Mi"), operator.getResources().getLimits().get("memory"));
        assertEquals("/q/health/ready", operator.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/q/health/live", operator.getLivenessProbe().getHttpGet().getPath());

        Map<String, String> env = env(operator);
        assertEquals("operator", env.get("QUARKUS_PROFILE"));
        assertEquals("-Xmx128m -XX:+UseSerialGC", env.get("JAVA_TOOL_OPTIONS"));
        assertEquals("1", env.get("DOCKER_TLS_VERIFY"));
        String tlsVolume = mountedAt(operator, env.get("DOCKER_CERT_PATH"));
        assertEquals("team-docker-tls", volume(pod, tlsVolume).getSecret().getSecretName());
        // Quarkus reads config/application.properties from its working directory, /app
        String configVolume = mountedAt(operator, "/app/config");
        assertEquals("rel-operator", volume(pod, configVolume).getConfigMap().getName());
        assertEquals("/tmp", operator.getVolumeMounts().stream().filter(m -> volume(pod, m.getName()).getEmptyDir() != null)
                .map(VolumeMount::getMountPath).findFirst().orElseThrow(), "a writable /tmp on a read-only root");
    }

    @Test
    void podsGetThePullSecretsSchedulingAndMetadataOfTheValues() throws IOException {
        PodTemplateSpec template = one(render(), Deployment.class).getSpec().getTemplate();
        PodSpec pod = template.getSpec();

        assertEquals(List.of("pull-a", "pull-b"), pod.getImagePullSecrets().stream()
                .map(LocalObjectReference::getName).toList());
        assertEquals(Map.of("pool", "builders"), pod.getNodeSelector());
        assertEquals(List.of(new TolerationBuilder().withKey("dedicated").withOperator("Equal").withValue("builds")
                .withEffect("NoSchedule").build()), pod.getTolerations());
        assertEquals("pool", pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getKey());
        assertNull(pod.getAffinity().getPodAntiAffinity(), "the values' affinity replaces the chart's");
        Map<String, String> labels = template.getMetadata().getLabels();
        assertEquals("platform", labels.get("team"));
        assertEquals("rel", labels.get("app.kubernetes.io/instance"), "the selector's labels stay");
        Map<String, String> annotations = template.getMetadata().getAnnotations();
        assertEquals("platform", annotations.get("team"));
        assertEquals("false", annotations.get("prometheus.io/scrape"), "podAnnotations may turn the scrape off");
        assertNotEquals("mine", annotations.get("checksum/config"), "the config checksum cannot be replaced");

        PodSpec defaults = one(parse(helm("template", "rel", CHART, "-n", "ops")), Deployment.class).getSpec()
                .getTemplate().getSpec();
        assertEquals(List.of(), defaults.getImagePullSecrets());
        assertEquals(Map.of(), defaults.getNodeSelector());
        assertEquals(List.of(), defaults.getTolerations());
        assertEquals(Map.of("app.kubernetes.io/name", "playbake", "app.kubernetes.io/instance", "rel"),
                defaults.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()
                        .get(0).getPodAffinityTerm().getLabelSelector().getMatchLabels(),
                "by default the replicas prefer different nodes");
    }

    @Test
    void theCacheKeySecretIsMountedWhereTheOperatorsConfigurationReadsTheKey() throws IOException {
        List<HasMetadata> rendered = render();
        PodSpec pod = one(rendered, Deployment.class).getSpec().getTemplate().getSpec();
        Container operator = pod.getContainers().get(0);

        Path keyFile = Path.of(operatorConfig(rendered).cacheKeyFile().orElseThrow());
        String mount = mountedAt(operator, keyFile.getParent().toString());
        assertTrue(operator.getVolumeMounts().stream().filter(m -> m.getName().equals(mount)).findFirst()
                .orElseThrow().getReadOnly());
        SecretVolumeSource secret = volume(pod, mount).getSecret();
        assertEquals("playbake-cache-key", secret.getSecretName());
        String key = keyFile.getFileName().toString();
        assertEquals(List.of(new KeyToPath(key, null, key)), secret.getItems(), "a Secret without the key fails the mount");
        assertEquals("cache.key", key, "the key docs/operator.md tells to create");

        List<HasMetadata> defaults = parse(helm("template", "rel", CHART, "-n", "ops"));
        assertEquals(Optional.empty(), operatorConfig(defaults).cacheKeyFile());
        assertEquals(List.of("rel-log-api-tls", "playbake-docker-tls"), one(defaults, Deployment.class).getSpec()
                .getTemplate().getSpec().getVolumes().stream().map(Volume::getSecret).filter(Objects::nonNull)
                .map(SecretVolumeSource::getSecretName).toList(),
                "no Secret but the log API's certificate and the Docker TLS one by default");
    }

    @Test
    void aServiceForTheHttpPortByDefaultAndAServiceMonitorOnlyWhenEnabled() {
        List<HasMetadata> defaults = parse(helm("template", "rel", CHART, "-n", "ops"));
        Service service = metricsService(defaults).orElseThrow();
        Deployment deployment = one(defaults, Deployment.class);

        assertEquals("rel-operator", service.getMetadata().getName());
        assertEquals("ClusterIP", service.getSpec().getType());
        assertEquals(deployment.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
        ServicePort port = service.getSpec().getPorts().get(0);
        assertEquals(1, service.getSpec().getPorts().size());
        assertEquals("http", port.getName());
        assertEquals(8080, port.getPort());
        assertEquals(new IntOrString("http"), port.getTargetPort());
        assertEquals(8080, deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                .filter(p -> p.getName().equals("http")).findFirst().orElseThrow().getContainerPort());
        assertEquals(List.of(), serviceMonitors(defaults), "no ServiceMonitor unless asked: its CRD may be absent");

        List<HasMetadata> monitored = parse(helm("template", "rel", CHART, "-n", "ops", "--set",
                "serviceMonitor.enabled=true", "--set", "serviceMonitor.interval=15s", "--set",
                "serviceMonitor.labels.release=prometheus"));
        List<GenericKubernetesResource> monitors = serviceMonitors(monitored);
        assertEquals(1, monitors.size());
        GenericKubernetesResource monitor = monitors.get(0);
        assertEquals("monitoring.coreos.com/v1", monitor.getApiVersion());
        assertEquals("ops", monitor.getMetadata().getNamespace());
        assertEquals("prometheus", monitor.getMetadata().getLabels().get("release"), "what serviceMonitorSelector matches");
        Map<String, String> selected = monitor.get("spec", "selector", "matchLabels");
        Map<String, String> serviceLabels = metricsService(monitored).orElseThrow().getMetadata().getLabels();
        assertTrue(serviceLabels.entrySet().containsAll(selected.entrySet()), selected + " selects " + serviceLabels);
        List<String> selectedServices = all(monitored, Service.class).stream()
                .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selected.entrySet()))
                .map(s -> s.getMetadata().getName()).toList();
        assertEquals(List.of("rel-operator"), selectedServices, "the log API's Service has no metrics port");
        assertEquals(List.of(Map.of("port", "http", "path", "/q/metrics", "interval", "15s")),
                monitor.get("spec", "endpoints"));

        List<HasMetadata> none = parse(helm("template", "rel", CHART, "-n", "ops", "--set", "service.enabled=false"));
        assertEquals(Optional.empty(), metricsService(none));
        Commands.Result refused = Commands.run(List.of(helm(), "template", "rel", CHART, "--set",
                "service.enabled=false", "--set", "serviceMonitor.enabled=true"), Duration.ofMinutes(1));
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().contains("serviceMonitor.enabled scrapes through the Service: set service.enabled too"),
                refused.stderr());
    }

    @Test
    void theDockerSocketsGroupJoinsTheValuesSupplementalGroupsInOneKey() {
        String rendered = helm("template", "rel", CHART, "-n", "ops", "--set", "dockerSocket.hostPath=/var/run/docker.sock",
                "--set", "dockerSocket.groupId=998", "--set", "podSecurityContext.supplementalGroups={5,998}");
        PodSpec pod = one(parse(rendered), Deployment.class).getSpec().getTemplate().getSpec();

        assertEquals(List.of(5L, 998L), pod.getSecurityContext().getSupplementalGroups());
        assertEquals(1, rendered.split("supplementalGroups:", -1).length - 1, "a duplicate key is refused by kubectl");
        assertEquals(10001L, pod.getSecurityContext().getRunAsUser(), "the rest of the values' context stays");
    }

    /**
     * Unknown keys inside nested objects are refused as the top-level ones are (a typo there would otherwise be
     * ignored, and the default used), and so are values of a wrong shape.
     */
    @Test
    void theSchemaRefusesUnknownNestedKeysAndTheSelectorsLabels() {
        Map<String, String> refusals = Map.ofEntries(
                Map.entry("image.tagg=x", "at '/image': additional properties 'tagg' not allowed"),
                Map.entry("dockerTls.enable=false", "at '/dockerTls': additional properties 'enable' not allowed"),
                Map.entry("dockerSocket.path=/run/docker.sock",
                        "at '/dockerSocket': additional properties 'path' not allowed"),
                Map.entry("resources.limit.memory=1Gi", "at '/resources': additional properties 'limit' not allowed"),
                Map.entry("podSecurityContext.runAsNonroot=true",
                        "at '/podSecurityContext': additional properties 'runAsNonroot' not allowed"),
                Map.entry("affinity.podAntiAffinity.preferred=1",
                        "at '/affinity/podAntiAffinity': additional properties 'preferred' not allowed"),
                Map.entry("service.typo=1", "at '/service': additional properties 'typo' not allowed"),
                Map.entry("serviceMonitor.intervall=1m",
                        "at '/serviceMonitor': additional properties 'intervall' not allowed"),
                Map.entry("tolerations[0].efect=NoSchedule",
                        "at '/tolerations/0': additional properties 'efect' not allowed"),
                Map.entry("affinity.nodeAfinity.x=1", "at '/affinity': additional properties 'nodeAfinity' not allowed"),
                Map.entry("imagePullSecrets[0].name=regcred", "at '/imagePullSecrets/0': got object, want string"),
                Map.entry("podLabels.app\\.kubernetes\\.io/name=mine", "invalid propertyName 'app.kubernetes.io/name'"),
                Map.entry("nodeSelector.pool=1", "at '/nodeSelector/pool': got number, want string"),
                Map.entry("resources.limits.memory=lots", "at '/resources/limits/memory'"),
                Map.entry("cacheKeySecret=Cache_Key", "at '/cacheKeySecret': 'Cache_Key' does not match pattern"));
        refusals.forEach((set, message) -> {
            Commands.Result refused = Commands.run(List.of(helm(), "template", "rel", CHART, "--set", set),
                    Duration.ofMinutes(1));
            assertNotEquals(0, refused.exitCode(), set);
            assertTrue(refused.stderr().contains(message), set + ": " + refused.stderr());
        });
    }

    @Test
    void theConfigMapIsWhatTheOperatorsConfigurationReads() throws IOException {
        ConfigMap config = one(render(), ConfigMap.class);
        Properties properties = new Properties();
        properties.load(new StringReader(config.getData().get("application.properties")));

        OperatorConfig operator = operatorConfig(properties);

        assertEquals(Set.of("docker-a", "docker-b"), operator.hosts().keySet());
        assertEquals("tcp://docker-a.internal:2376", operator.hosts().get("docker-a").uri());
        assertEquals(4, operator.hosts().get("docker-a").concurrency());
        assertEquals(2, operator.hosts().get("docker-b").concurrency());
        assertEquals(Set.of("team-a", "team-b"), operator.namespaces().orElseThrow());
        assertEquals("ops/rel", operator.instance());
        assertTrue(operator.leaderElection().enabled());
        assertEquals("ops", operator.leaderElection().leaseNamespace().orElseThrow());
        assertEquals("rel-leader", operator.leaderElection().leaseName().orElseThrow());
        assertEquals(Duration.ofSeconds(15), operator.leaderElection().leaseDuration());
        BuildContainerPolicy limits = BuildContainerPolicies.from(operator.buildContainer());
        assertEquals(512L << 20, limits.memory().defaultAmount().orElseThrow().value());
        assertEquals(1L << 30, limits.memory().max().orElseThrow().value());
        assertEquals(500_000_000L, limits.cpu().defaultAmount().orElseThrow().value());
        assertEquals(1_500_000_000L, limits.cpu().max().orElseThrow().value());
        assertEquals(256, limits.pids().defaultAmount().orElseThrow().value());
        assertEquals(1_000_000, limits.pids().max().orElseThrow().value(), "a large number is not written as 1e+06");
        assertEquals(ContainerLimits.Network.NONE, limits.defaultNetwork());
        assertEquals(Set.of(ContainerLimits.Network.NONE), limits.allowedNetworks());
        assertFalse(operator.allowLocalImages(), "base images are pulled by default");
        assertFalse(operator.shareCache());
        assertEquals(Duration.ofHours(24), operator.debugImageRetention());
        assertEquals(Duration.ofMinutes(1), operator.baseImagePoll().minInterval());
        assertEquals(Optional.empty(), operator.defaultPushSecret());
    }

    @Test
    void watchedNamespacesGetALeastPrivilegeRoleEachAndNoClusterWideGrant() throws IOException {
        List<HasMetadata> rendered = render();
        List<Role> roles = tenantRoles(all(rendered, Role.class));
        List<RoleBinding> bindings = all(rendered, RoleBinding.class).stream()
                .filter(b -> !ownNamespace(b)).toList();

        assertEquals(List.of("team-a", "team-b"), roles.stream().map(r -> r.getMetadata().getNamespace()).toList());
        assertEquals(List.of("team-a", "team-b"), bindings.stream().map(b -> b.getMetadata().getNamespace()).toList());
        Role leases = all(rendered, Role.class).stream().filter(r -> r.getMetadata().getName().endsWith(LEADER_ELECTION))
                .findFirst().orElseThrow(() -> new AssertionError("no Role for the leader lease"));
        assertEquals("ops", leases.getMetadata().getNamespace(), "the Lease lives in the release namespace only");
        assertEquals(Map.of("leases", List.of("get", "create", "update", "patch")), verbs(leases.getRules()));
        Role logs = all(rendered, Role.class).stream().filter(r -> r.getMetadata().getName().endsWith(BUILD_LOGS))
                .findFirst().orElseThrow(() -> new AssertionError("no Role for the build logs"));
        assertEquals("ops", logs.getMetadata().getNamespace(), "build logs live in the release namespace only");
        assertEquals(Map.of("configmaps", List.of("get", "list", "create", "update", "delete", "deletecollection")),
                verbs(logs.getRules()));
        bindings.forEach(b -> {
            assertEquals("Role", b.getRoleRef().getKind());
            assertEquals("rel-operator", b.getRoleRef().getName());
            assertEquals("ops", b.getSubjects().get(0).getNamespace());
        });
        assertEquals(List.of(), buildingGrants(all(rendered, ClusterRole.class)),
                "no cluster-wide rules for building when namespaces are set");
        assertEquals(List.of(), buildingGrants(all(rendered, ClusterRoleBinding.class)));
        Map<String, List<String>> verbs = verbs(roles.get(0).getRules());
        assertEquals(List.of("get", "list", "watch"), verbs.get("secrets"), "read, and watched for changes");
        assertEquals(List.of("get", "list", "watch"), verbs.get("configmaps"));
        assertEquals(List.of("get", "list", "watch", "patch"), verbs.get("imagebuilds"));
        assertEquals(List.of("patch"), verbs.get("imagebuilds/status"));
        assertEquals(List.of("create"), verbs.get("events"));
        assertEquals(Set.of("secrets", "configmaps", "imagebuilds", "imagebuilds/status", "events"), verbs.keySet());
    }

    @Test
    void theLogApisClusterWideGrantsAreExactlyReachingItAndAskingWhetherAUserMayGetAnImageBuild() throws IOException {
        List<HasMetadata> rendered = render();
        Map<String, Map<String, List<String>>> roles = new HashMap<>();
        all(rendered, ClusterRole.class).stream().filter(r -> !buildingGrants(List.of(r)).contains(r))
                .forEach(r -> roles.put(r.getMetadata().getName(), verbs(r.getRules())));
        assertEquals(Map.of("rel-ops-log-reader", Map.of("imagebuilds/log", List.of("get")),
                "rel-ops-log-access", Map.of("subjectaccessreviews", List.of("create"))), roles);
        Map<String, String> subjects = new HashMap<>();
        all(rendered, ClusterRoleBinding.class).stream().filter(b -> !buildingGrants(List.of(b)).contains(b))
                .forEach(b -> subjects.put(b.getRoleRef().getName(), b.getSubjects().get(0).getKind() + " "
                        + b.getSubjects().get(0).getName()));
        assertEquals(Map.of("rel-ops-log-reader", "Group system:authenticated",
                "rel-ops-log-access", "ServiceAccount rel-operator"), subjects);
        RoleBinding auth = all(rendered, RoleBinding.class).stream()
                .filter(b -> b.getMetadata().getNamespace().equals("kube-system")).findFirst().orElseThrow();
        assertEquals("extension-apiserver-authentication-reader", auth.getRoleRef().getName());
        Map<?, ?> apiService = Serialization.unmarshal(Serialization.asJson(rendered.stream()
                .filter(r -> r.getKind().equals("APIService")).findFirst().orElseThrow()), Map.class);
        Secret tls = all(rendered, Secret.class).stream().filter(r -> r.getMetadata().getName().equals("rel-log-api-tls"))
                .findFirst().orElseThrow();
        assertEquals(tls.getData().get("ca.crt"), ((Map<?, ?>) apiService.get("spec")).get("caBundle"),
                "the APIService verifies the certificate the chart signed");

        List<HasMetadata> off = parse(helm("template", "rel", CHART, "-n", "ops", "-f", values(), "--set",
                "logApi.enabled=false"));
        assertEquals(List.of(), off.stream().filter(r -> r.getKind().equals("APIService")).toList());
        assertEquals(List.of(), all(off, ClusterRole.class));
        assertTrue(one(off, ConfigMap.class).getData().get("application.properties")
                .contains("playbake.operator.log-api.enabled=false"));
    }

    /** The Service of the HTTP port (metrics, health); the log API has one of its own. */
    private static Optional<Service> metricsService(List<HasMetadata> rendered) {
        return all(rendered, Service.class).stream().filter(s -> s.getMetadata().getName().equals("rel-operator"))
                .findFirst();
    }

    /** The cluster-scoped grants but the log API's ones (which {@code logApi.enabled} adds whatever is watched). */
    private static <T extends HasMetadata> List<T> buildingGrants(List<T> grants) {
        return grants.stream().filter(g -> !g.getMetadata().getName().endsWith("-log-reader")
                && !g.getMetadata().getName().endsWith("-log-access")).toList();
    }

    @Test
    void aDefaultPushSecretOutsideTheWatchedNamespacesIsReadableByNameAndNothingElse() {
        List<HasMetadata> elsewhere = parse(helm("template", "rel", CHART, "-n", "ops", "--set",
                "watchNamespaces={team-a}", "--set", "images.defaultPushSecret=push"));
        Role push = tenantRoles(all(elsewhere, Role.class)).stream()
                .filter(r -> r.getMetadata().getNamespace().equals("ops")).findFirst().orElseThrow(() -> new AssertionError("no Role for the default push secret"));
        assertEquals(1, push.getRules().size());
        assertEquals(List.of("secrets"), push.getRules().get(0).getResources());
        assertEquals(List.of("push"), push.getRules().get(0).getResourceNames());
        assertEquals(List.of("get"), push.getRules().get(0).getVerbs());
        assertEquals(1, all(elsewhere, RoleBinding.class).stream()
                .filter(b -> b.getMetadata().getNamespace().equals("ops"))
                .filter(b -> !ownNamespace(b)).count());

        List<HasMetadata> watched = parse(helm("template", "rel", CHART, "-n", "ops", "--set",
                "images.defaultPushSecret=push"));
        assertEquals(List.of("ops"), tenantRoles(all(watched, Role.class)).stream()
                        .map(r -> r.getMetadata().getNamespace()).toList(),
                "the watched release namespace's Role already gets Secrets");
    }

    @Test
    void byDefaultOnlyTheReleaseNamespaceIsWatchedAndWatchAllIsClusterWide() {
        List<HasMetadata> defaults = parse(helm("template", "rel", CHART, "-n", "ops"));
        assertEquals(List.of("ops"), tenantRoles(all(defaults, Role.class)).stream()
                .map(r -> r.getMetadata().getNamespace()).toList());
        assertEquals(List.of(), buildingGrants(all(defaults, ClusterRoleBinding.class)), "safe after a plain helm install");
        assertTrue(one(defaults, ConfigMap.class).getData().get("application.properties")
                .contains("playbake.operator.namespaces=ops\n"));

        List<HasMetadata> all = parse(helm("template", "rel", CHART, "-n", "ops", "--set", "watchAllNamespaces=true"));
        assertEquals(1, buildingGrants(all(all, ClusterRoleBinding.class)).size(), "watching all namespaces");
        assertEquals(List.of(), tenantRoles(all(all, Role.class)));
        assertFalse(one(all, ConfigMap.class).getData().get("application.properties").contains("namespaces"));
        assertEquals(verbs(buildingGrants(all(all, ClusterRole.class)).get(0).getRules()),
                verbs(tenantRoles(all(defaults, Role.class)).get(0).getRules()));

        List<String> both = List.of(helm(), "template", "rel", CHART, "--set", "watchAllNamespaces=true",
                "--set", "watchNamespaces={team-a}");
        Commands.Result refused = Commands.run(both, java.time.Duration.ofMinutes(1));
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().contains("set watchNamespaces or watchAllNamespaces, not both"), refused.stderr());
    }

    /**
     * With only the RBAC the chart's defaults grant (kube-apiserver authorizes with RBAC), the operator, as its
     * ServiceAccount, builds an ImageBuild of the release namespace (its informers list and watch that namespace's
     * ConfigMaps and Secrets), and is refused Secrets anywhere else, a list of all, and any write of one; deploy/
     * grants as little, and deploy/cluster-wide/ the broader rights it documents.
     */
    @Test
    void theOperatorBuildsWithOnlyTheChartsRbacAndIsRefusedEverythingElse() throws IOException {
        TestEnvironment env = TestEnvironment.get();
        Path chart = Files.writeString(dir.resolve("defaults.yaml"),
                helm("template", "rel", CHART, "-n", "builds", "--include-crds"));
        String repository = env.registry() + "/playbake-it/rbac-" + UUID.randomUUID().toString().substring(0, 8);
        try (ApiServer apiServer = ApiServer.start(); KubernetesClient admin = apiServer.client()) {
            Path kubeconfig = Commands.kubeconfig(apiServer, dir);
            for (String namespace : List.of("builds", "other")) {
                Commands.ok(Commands.kubectl(kubeconfig, "create", "namespace", namespace));
                admin.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata()
                        .withName("private").endMetadata().withStringData(Map.of("token", "s3cr3t")).build()).create();
            }
            Commands.ok(Commands.kubectl(kubeconfig, "apply", "-f", chart.toString()));
            ImageBuildEndToEndIT.createRegistrySecret(admin, env, "builds");
            Properties properties = new Properties();
            properties.load(new StringReader(one(parse(Files.readString(chart)), ConfigMap.class).getData()
                    .get("application.properties")));
            Set<String> watched = operatorConfig(properties).namespaces().orElseThrow();

            try (KubernetesClient operator = serviceAccountClient(admin, "builds", "rel-operator");
                 RealOperator ignored = RealOperator.startElected(operator, new RealOperator.Setup(1, RealOperator.DEV_ENV,
                         Optional.empty(), watched), operatorConfig(properties).leaderElection(),
                         operatorConfig(properties).logNamespace().orElseThrow())) {
                admin.resources(ImageBuild.class).inNamespace("other")
                        .resource(inNamespace(ImageBuilds.imageBuild("theirs", repository + ":theirs"), "other")).create();
                ImageBuild build = inNamespace(ImageBuilds.imageBuild("ours", repository + ":1"), "builds");
                build.getSpec().output.pushSecretRef = new LocalObjectRef("regcred");
                admin.resources(ImageBuild.class).inNamespace("builds").resource(build).create();
                ImageBuild greedy = inNamespace(ImageBuilds.imageBuild("greedy", repository + ":greedy"), "builds");
                greedy.getSpec().output.pushSecretRef = new LocalObjectRef("regcred");
                greedy.getSpec().resources = new BuildResources();
                greedy.getSpec().resources.memory = new Quantity("16Gi");
                greedy.getSpec().resources.cpu = new Quantity("2");
                admin.resources(ImageBuild.class).inNamespace("builds").resource(greedy).create();

                await().atMost(5, TimeUnit.MINUTES).until(() -> finished(admin, "builds", "ours"));
                ImageBuild refused = admin.resources(ImageBuild.class).inNamespace("builds").withName("greedy").get();
                assertEquals(Phase.FAILED, refused.getStatus().phase);
                assertEquals("InvalidSpec", refused.getStatus().failure.reason);
                assertEquals("spec.resources.memory: 16Gi is above the maximum this operator allows, 8Gi",
                        refused.getStatus().failure.message);
                try (DockerHost docker = DockerHost.connect(env.dockerHost())) {
                    assertEquals(List.of(), docker.containersLabelled("playbake.dev/owner=builds/greedy"));
                }
                ImageBuild built = admin.resources(ImageBuild.class).inNamespace("builds").withName("ours").get();
                assertEquals(Phase.SUCCEEDED, built.getStatus().phase, String.valueOf(built.getStatus().failure == null
                        ? "" : built.getStatus().failure.message));
                assertTrue(admin.v1().events().inNamespace("builds").list().getItems().stream()
                        .anyMatch(e -> "Pushed".equals(e.getReason())), "events are recorded");
                String uid = built.getMetadata().getUid();
                await().atMost(10, TimeUnit.SECONDS).until(() -> new ConfigMapBuildLogs(admin, "builds").read(uid,
                        built.getStatus().buildId).map(BuildLogs.Stored::complete).orElse(false));
                assertForbidden(() -> operator.configMaps().inNamespace("other").resource(new ConfigMapBuilder()
                        .withNewMetadata().withName("planted").endMetadata().build()).create());
                assertNotNull(admin.leases().inNamespace("builds").withName("rel-leader").get().getSpec()
                        .getHolderIdentity(), "it leads through the chart's Lease Role");
                assertForbidden(() -> operator.leases().inNamespace("other").withName("rel-leader").get());
                assertNull(admin.resources(ImageBuild.class).inNamespace("other").withName("theirs").get().getStatus(),
                        "an unwatched namespace is not reconciled");

                assertForbidden(() -> operator.secrets().inNamespace("other").withName("private").get());
                assertForbidden(() -> operator.configMaps().inNamespace("other").withName("kube-root-ca.crt").get());
                assertForbidden(() -> operator.secrets().inNamespace("other").list());
                assertForbidden(() -> operator.secrets().inAnyNamespace().list());
                assertForbidden(() -> operator.secrets().inNamespace("other").watch(new NoWatcher()));
                assertForbidden(() -> operator.secrets().inNamespace("builds").withName("regcred").delete());
                assertForbidden(() -> operator.resources(ImageBuild.class).inNamespace("other").list());

                admin.resources(ImageBuild.class).inNamespace("builds").withName("ours").delete();
                await().atMost(1, TimeUnit.MINUTES).until(() ->
                        admin.resources(ImageBuild.class).inNamespace("builds").withName("ours").get() == null);
            }

            Commands.ok(Commands.kubectl(kubeconfig, "apply", "-f", "deploy/"));
            try (KubernetesClient deployed = serviceAccountClient(admin, "playbake-system", "playbake-operator")) {
                assertNull(deployed.secrets().inNamespace("playbake-system").withName("absent").get(),
                        "get in its own namespace");
                assertForbidden(() -> deployed.secrets().inNamespace("other").withName("private").get());
                assertForbidden(() -> deployed.secrets().inNamespace("other").list());

                Commands.ok(Commands.kubectl(kubeconfig, "apply", "-f", "deploy/cluster-wide/"));
                await().atMost(30, TimeUnit.SECONDS).ignoreExceptions().until(() ->
                        deployed.secrets().inNamespace("other").withName("private").get() != null);
                assertFalse(deployed.secrets().inAnyNamespace().list().getItems().isEmpty(), "the informers' list");
                assertForbidden(() -> deployed.secrets().inNamespace("other").withName("private").delete());
            }
        }
    }

    @Test
    void theRenderedChartAndDeployAreAcceptedByTheApiServer() throws IOException {
        Path chart = Files.writeString(dir.resolve("chart.yaml"),
                helm("template", "rel", CHART, "-n", "ops", "-f", values(), "--include-crds"));
        try (ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client()) {
            Path kubeconfig = Commands.kubeconfig(apiServer, dir);
            for (String namespace : List.of("ops", "team-a", "team-b")) {
                Commands.ok(Commands.kubectl(kubeconfig, "create", "namespace", namespace));
            }
            Commands.ok(Commands.kubectl(kubeconfig, "apply", "-f", chart.toString()));
            // deploy/ as docs/operator.md installs it (its namespace first: kubectl applies the files in name order)
            Commands.ok(Commands.kubectl(kubeconfig, "apply", "-f", "deploy/"));

            assertEquals("9.9.9", client.apps().deployments().inNamespace("ops").withName("rel-operator").get()
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getImage().split(":")[1]);
            assertEquals(5, client.rbac().roleBindings().inAnyNamespace().withLabel("app.kubernetes.io/instance", "rel")
                    .list().getItems().size(), "team-a, team-b, the leader lease's and the build logs' in ops, and"
                    + " the front proxy CA's in kube-system");
            assertTrue(client.apiextensions().v1().customResourceDefinitions().withName("imagebuilds.playbake.dev")
                    .get() != null, "the chart's CRD");
            assertTrue(client.apps().deployments().inNamespace("playbake-system").withName("playbake-operator")
                    .get() != null, "deploy/'s Deployment");
            assertEquals(List.of("pull-a", "pull-b"), client.apps().deployments().inNamespace("ops")
                    .withName("rel-operator").get().getSpec().getTemplate().getSpec().getImagePullSecrets().stream()
                    .map(LocalObjectReference::getName).toList(), "the values' pod settings are valid Kubernetes");
            for (String[] service : new String[][] {{"ops", "rel-operator"}, {"playbake-system", "playbake-operator"}}) {
                assertEquals(8080, client.services().inNamespace(service[0]).withName(service[1]).get().getSpec()
                        .getPorts().get(0).getPort(), "the Service of " + service[0]);
            }
        }
    }

    /** The Roles of watched namespaces, without the leader lease's. */
    private static List<Role> tenantRoles(List<Role> roles) {
        return roles.stream().filter(r -> !ownNamespace(r)).toList();
    }

    /** The operator's Roles for its own work: the leader Lease's and the build logs', the front proxy's CA's. */
    private static boolean ownNamespace(HasMetadata roleOrBinding) {
        String name = roleOrBinding.getMetadata().getName();
        return name.endsWith(LEADER_ELECTION) || name.endsWith(BUILD_LOGS) || name.endsWith("-log-api-auth");
    }

    private static Map<String, List<String>> verbs(List<PolicyRule> rules) {
        Map<String, List<String>> verbs = new HashMap<>();
        for (PolicyRule rule : rules) {
            rule.getResources().forEach(r -> verbs.put(r, rule.getVerbs()));
            assertFalse(rule.getVerbs().contains("*") || rule.getResources().contains("*"), rule.toString());
        }
        return verbs;
    }

    /** A client that authenticates with a token of the ServiceAccount, as the operator's pod does. */
    private static KubernetesClient serviceAccountClient(KubernetesClient admin, String namespace, String name) {
        String token = admin.serviceAccounts().inNamespace(namespace).withName(name)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        Config config = new ConfigBuilder().withMasterUrl(admin.getConfiguration().getMasterUrl())
                .withCaCertFile(admin.getConfiguration().getCaCertFile())
                .withCaCertData(admin.getConfiguration().getCaCertData())
                .withOauthToken(token).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static void assertForbidden(Executable call) {
        KubernetesClientException refused = assertThrows(KubernetesClientException.class, call);
        assertEquals(403, refused.getCode(), refused.getMessage());
    }

    private static ImageBuild inNamespace(ImageBuild build, String namespace) {
        build.getMetadata().setNamespace(namespace);
        return build;
    }

    private static boolean finished(KubernetesClient client, String namespace, String name) {
        ImageBuild build = client.resources(ImageBuild.class).inNamespace(namespace).withName(name).get();
        return build.getStatus() != null && build.getStatus().phase != null && build.getStatus().phase.isTerminal();
    }

    /** A watch that is refused before it sees anything. */
    private static final class NoWatcher implements Watcher<Secret> {
        @Override
        public void eventReceived(Action action, Secret resource) {
        }

        @Override
        public void onClose(WatcherException cause) {
        }
    }

    private List<HasMetadata> render() throws IOException {
        return parse(helm("template", "rel", CHART, "-n", "ops", "-f", values()));
    }

    private String values() throws IOException {
        return Files.writeString(dir.resolve("values.yaml"), VALUES).toString();
    }

    private static String helm(String... args) {
        List<String> command = new ArrayList<>(List.of(helm()));
        command.addAll(Arrays.asList(args));
        return Commands.ok(command);
    }

    private static String helm() {
        return TestEnvironment.get().value("helm");
    }

    private static List<HasMetadata> parse(String manifests) {
        return Stream.of(manifests.split("(?m)^---$"))
                .filter(doc -> doc.lines().anyMatch(l -> l.startsWith("kind:")))
                .map(doc -> (HasMetadata) Serialization.unmarshal(doc, HasMetadata.class))
                .toList();
    }

    private static <T extends HasMetadata> List<T> all(List<HasMetadata> rendered, Class<T> type) {
        return rendered.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> rendered, Class<T> type) {
        List<T> found = all(rendered, type);
        assertEquals(1, found.size(), type.getSimpleName() + "s rendered");
        return found.get(0);
    }

    private static Map<String, String> env(Container container) {
        Map<String, String> env = new HashMap<>();
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValue());
        }
        return env;
    }

    private static String mountedAt(Container container, String path) {
        return container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + path)).getName();
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    /** The configuration the operator reads from the rendered ConfigMap. */
    private static OperatorConfig operatorConfig(List<HasMetadata> rendered) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(one(rendered, ConfigMap.class).getData().get("application.properties")));
        return operatorConfig(properties);
    }

    private static List<GenericKubernetesResource> serviceMonitors(List<HasMetadata> rendered) {
        return all(rendered, GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals("ServiceMonitor")).toList();
    }

    private static OperatorConfig operatorConfig(Properties properties) {
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return OperatorConfigs.of(map);
    }
}
