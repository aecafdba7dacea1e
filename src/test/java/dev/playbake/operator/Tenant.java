package dev.playbake.operator;

import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.LocalObjectRef;
import dev.playbake.api.v1alpha1.RetrySpec;
import dev.playbake.image.RegistryCredentials;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One tenant of a shared operator in a test: a namespace of its own (a unique name, as Docker hosts outlive API
 * servers) with a {@code regcred} Secret of its registry credentials, and the ImageBuilds it applies there.
 *
 * @param namespace   the tenant's namespace
 * @param credentials what its {@code regcred} Secret holds
 */
record Tenant(String namespace, RegistryCredentials credentials) {

    /** The pull and push Secret of every tenant. */
    static final String SECRET = "regcred";

    /** Creates the namespace {@code <prefix>-<random>} and its registry Secret. */
    static Tenant create(KubernetesClient client, String prefix, RegistryCredentials credentials) {
        String namespace = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).create();
        ImageBuilds.registrySecret(client, namespace, SECRET, credentials);
        return new Tenant(namespace, credentials);
    }

    /** The registry the tenant's credentials are for. */
    String registry() {
        return credentials.registry();
    }

    /**
     * An ImageBuild in this namespace that pulls and pushes with the tenant's own Secret and is not retried, so
     * a refusal is final at once.
     */
    ImageBuild imageBuild(String name, String image) {
        ImageBuild build = ImageBuilds.imageBuild(name, image);
        build.getMetadata().setNamespace(namespace);
        build.getSpec().pullSecretRef = new LocalObjectRef(SECRET);
        build.getSpec().output.pushSecretRef = new LocalObjectRef(SECRET);
        build.getSpec().retry = new RetrySpec();
        build.getSpec().retry.limit = 0;
        return build;
    }

    void apply(KubernetesClient client, ImageBuild build) {
        client.resources(ImageBuild.class).inNamespace(namespace).resource(build).create();
    }

    Optional<ImageBuild> get(KubernetesClient client, String name) {
        return Optional.ofNullable(client.resources(ImageBuild.class).inNamespace(namespace).withName(name).get());
    }

    /** Every text the tenant can read about its builds: the ImageBuilds as JSON and the events of its namespace. */
    List<String> visibleTexts(KubernetesClient client) {
        Stream<String> builds = client.resources(ImageBuild.class).inNamespace(namespace).list().getItems().stream()
                .map(Serialization::asJson);
        Stream<String> events = client.v1().events().inNamespace(namespace).list().getItems().stream()
                .map(Serialization::asJson);
        return Stream.concat(builds, events).toList();
    }
}
