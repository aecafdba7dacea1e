package dev.playbake.operator;

import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildSpec;
import dev.playbake.api.v1alpha1.OutputSpec;
import dev.playbake.image.RegistryCredentials;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** ImageBuild resources for tests. */
public final class ImageBuilds {

    public static final String PLAYBOOK = """
            - hosts: all
              tasks:
                - name: write a file
                  ansible.builtin.copy:
                    dest: /hello.txt
                    content: "hello {{ who }}\\n"
            """;

    private ImageBuilds() {
    }

    /** A minimal valid ImageBuild in namespace {@code default} with an embedded playbook. */
    public static ImageBuild imageBuild(String name, String image) {
        ImageBuild build = new ImageBuild();
        build.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
        ImageBuildSpec spec = new ImageBuildSpec();
        spec.baseImage = "playbake-test/debian:bookworm";
        spec.output = new OutputSpec();
        spec.output.image = image;
        spec.playbook = PLAYBOOK;
        spec.vars.put("who", com.fasterxml.jackson.databind.node.TextNode.valueOf("world"));
        build.setSpec(spec);
        return build;
    }

    /** Creates (or replaces) a kubernetes.io/dockerconfigjson Secret holding these credentials. */
    public static void registrySecret(KubernetesClient client, String namespace, String name,
                                      RegistryCredentials credentials) {
        String auth = Base64.getEncoder().encodeToString(
                (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
        String json = "{\"auths\":{\"" + credentials.registry() + "\":{\"auth\":\"" + auth + "\"}}}";
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name)
                .endMetadata().withType("kubernetes.io/dockerconfigjson")
                .withStringData(Map.of(".dockerconfigjson", json)).build()).createOr(existing -> existing.update());
    }
}
