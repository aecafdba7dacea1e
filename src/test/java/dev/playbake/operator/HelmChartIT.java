package dev.playbake.operator;

import dev.playbake.operator.runtime.OperatorConfig;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
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
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Helm chart with dev-env's helm: it lints, renders what its values say (read back through the operator's
 * own configuration mapping), and what it renders is accepted by the real kube-apiserver.
 */
class HelmChartIT {

    private static final String CHART = "helm/playbake";
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
        assertEquals(1, deployment.getSpec().getReplicas());
        assertEquals("Recreate", deployment.getSpec().getStrategy().getType(), "never two pods of one instance");
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
        assertFalse(operator.allowLocalImages(), "base images are pulled by default");
        assertFalse(operator.shareCache());
        assertEquals(Duration.ofHours(24), operator.debugImageRetention());
        assertEquals(Optional.empty(), operator.defaultPushSecret());
    }

    @Test
    void watchedNamespacesGetRoleBindingsToALeastPrivilegeClusterRole() throws IOException {
        List<HasMetadata> rendered = render();
        ClusterRole role = one(rendered, ClusterRole.class);
        List<RoleBinding> bindings = all(rendered, RoleBinding.class);

        assertEquals(List.of("team-a", "team-b"), bindings.stream().map(b -> b.getMetadata().getNamespace()).toList());
        bindings.forEach(b -> {
            assertEquals(role.getMetadata().getName(), b.getRoleRef().getName());
            assertEquals("ops", b.getSubjects().get(0).getNamespace());
        });
        assertEquals(List.of(), all(rendered, ClusterRoleBinding.class), "no cluster-wide grant when namespaces are set");
        Map<String, List<String>> verbs = new HashMap<>();
        for (PolicyRule rule : role.getRules()) {
            rule.getResources().forEach(r -> verbs.put(r, rule.getVerbs()));
            assertFalse(rule.getVerbs().contains("*") || rule.getResources().contains("*"), rule.toString());
        }
        assertEquals(List.of("get"), verbs.get("secrets"), "secrets are read one by one, never listed");
        assertEquals(List.of("get"), verbs.get("configmaps"));
        assertEquals(List.of("get", "patch", "update"), verbs.get("imagebuilds/status"));
        assertEquals(List.of("update"), verbs.get("imagebuilds/finalizers"));
        assertEquals(List.of("create", "patch"), verbs.get("events"));
        assertFalse(verbs.get("imagebuilds").contains("delete") || verbs.get("imagebuilds").contains("create"));

        List<HasMetadata> defaults = parse(helm("template", "rel", CHART, "-n", "ops"));
        assertEquals(1, all(defaults, ClusterRoleBinding.class).size(), "watching all namespaces");
        assertEquals(List.of(), all(defaults, RoleBinding.class));
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
            // deploy/ as the README installs it (its namespace first: kubectl applies the files in name order)
            Commands.ok(Commands.kubectl(kubeconfig, "apply", "-f", "deploy/"));

            assertEquals("9.9.9", client.apps().deployments().inNamespace("ops").withName("rel-operator").get()
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getImage().split(":")[1]);
            assertEquals(2, client.rbac().roleBindings().inAnyNamespace().withLabel("app.kubernetes.io/instance", "rel")
                    .list().getItems().size());
            assertTrue(client.apiextensions().v1().customResourceDefinitions().withName("imagebuilds.playbake.dev")
                    .get() != null, "the chart's CRD");
            assertTrue(client.apps().deployments().inNamespace("playbake-system").withName("playbake-operator")
                    .get() != null, "deploy/'s Deployment");
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

    private static OperatorConfig operatorConfig(Properties properties) {
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(map, "chart", 500))
                .withMapping(OperatorConfig.class)
                .build();
        return config.getConfigMapping(OperatorConfig.class);
    }
}
