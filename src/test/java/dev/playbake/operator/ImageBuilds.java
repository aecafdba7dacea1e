package dev.playbake.operator;

import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildSpec;
import dev.playbake.api.v1alpha1.OutputSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

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
}
