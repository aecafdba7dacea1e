package dev.playbake.operator;

import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The real kube-apiserver dev-env built: a CRD, an object of it, and a watch that sees changes. */
class KubeApiServerIT {

    private static ApiServer apiServer;

    @BeforeAll
    static void start() {
        apiServer = ApiServer.start();
    }

    @AfterAll
    static void stop() {
        apiServer.close();
    }

    @Test
    void createsACustomResourceAndWatchesIt() {
        try (KubernetesClient client = apiServer.client()) {
            assertEquals("1", client.getKubernetesVersion().getMajor());
            assertEquals("v" + TestEnvironment.get().value("kube.version"),
                    client.getKubernetesVersion().getGitVersion());

            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                    .resource(smokeCrd()).create();
            await().atMost(30, TimeUnit.SECONDS).until(() -> established(client, crd.getMetadata().getName()));

            ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                    .withGroup("test.playbake.dev").withVersion("v1").withPlural("smokes").withNamespaced(true).build();
            List<String> seen = new CopyOnWriteArrayList<>();
            try (Watch ignored = client.genericKubernetesResources(context).inNamespace("default")
                    .watch(new Watcher<>() {
                        @Override
                        public void eventReceived(Action action, GenericKubernetesResource resource) {
                            seen.add(action + ":" + resource.getAdditionalProperties().get("spec"));
                        }

                        @Override
                        public void onClose(WatcherException cause) {
                        }
                    })) {
                GenericKubernetesResource smoke = new GenericKubernetesResourceBuilder()
                        .withApiVersion("test.playbake.dev/v1").withKind("Smoke")
                        .withNewMetadata().withName("one").withNamespace("default").endMetadata()
                        .withAdditionalProperties(Map.of("spec", Map.of("message", "hello")))
                        .build();
                client.genericKubernetesResources(context).inNamespace("default").resource(smoke).create();
                client.genericKubernetesResources(context).inNamespace("default").withName("one")
                        .edit(r -> {
                            r.setAdditionalProperty("spec", Map.of("message", "again"));
                            return r;
                        });
                await().atMost(30, TimeUnit.SECONDS).until(() -> seen.size() >= 2);
                assertEquals(List.of("ADDED:{message=hello}", "MODIFIED:{message=again}"), seen.subList(0, 2));
            }
        }
    }

    private static boolean established(KubernetesClient client, String name) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
        return crd.getStatus() != null && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static CustomResourceDefinition smokeCrd() {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("smokes.test.playbake.dev").endMetadata()
                .withNewSpec()
                .withGroup("test.playbake.dev")
                .withScope("Namespaced")
                .withNewNames().withKind("Smoke").withPlural("smokes").withSingular("smoke").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                .addToProperties("spec", new io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder()
                        .withType("object")
                        .addToProperties("message", new io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder()
                                .withType("string").build())
                        .build())
                .endOpenAPIV3Schema().endSchema()
                .endVersion()
                .endSpec()
                .build();
    }
}
