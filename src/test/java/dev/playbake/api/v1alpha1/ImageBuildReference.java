package dev.playbake.api.v1alpha1;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders docs/imagebuild.md, the field reference of an ImageBuild, from the generated CRD: the descriptions are
 * the ones {@code kubectl explain} shows, so the page cannot say something the API does not. ImageBuildCrd runs it
 * into target/docs; ImageBuildReferenceTest compares the committed page with it.
 */
public final class ImageBuildReference {

    static final String HEADER = """
            # ImageBuild reference

            Every field of an `ImageBuild` (`playbake.dev/v1alpha1`), generated from the CRD
            (`crds/imagebuilds.playbake.dev-v1.yml`): the descriptions are the ones `kubectl explain imagebuild.spec`
            shows. How the operator acts on them: [operator.md](operator.md). To refresh this page after changing the
            API classes: `mvn -Pupdate-crds process-test-classes`.
            """;

    private ImageBuildReference() {
    }

    public static void main(String[] args) throws IOException {
        CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(Path.of(args[0])),
                CustomResourceDefinition.class);
        Path page = Files.createDirectories(Path.of(args[1])).resolve("imagebuild.md");
        Files.writeString(page, render(crd));
    }

    static String render(CustomResourceDefinition crd) {
        JSONSchemaProps root = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
        StringBuilder page = new StringBuilder(HEADER);
        for (String part : List.of("spec", "status")) {
            JSONSchemaProps schema = root.getProperties().get(part);
            page.append("\n## ").append(part).append("\n\n");
            Optional.ofNullable(schema.getDescription()).ifPresent(d -> page.append(d).append("\n\n"));
            page.append("| field | type | required | description |\n|---|---|---|---|\n");
            rows(page, part, schema);
        }
        return page.toString();
    }

    private static void rows(StringBuilder page, String path, JSONSchemaProps schema) {
        Map<String, JSONSchemaProps> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        properties.keySet().stream().sorted().forEach(name -> {
            JSONSchemaProps field = properties.get(name);
            String fieldPath = path + "." + name;
            page.append("| `").append(fieldPath).append("` | ").append(type(field)).append(" | ")
                    .append(required.contains(name) ? "yes" : "").append(" | ")
                    .append(cell(field.getDescription())).append(" |\n");
            rows(page, fieldPath, field);
            if (field.getItems() != null && field.getItems().getSchema() != null) {
                rows(page, fieldPath + "[]", field.getItems().getSchema());
            }
        });
    }

    private static String type(JSONSchemaProps field) {
        String type = Optional.ofNullable(field.getType()).orElse(Boolean.TRUE.equals(field.getXKubernetesIntOrString())
                ? "int or string" : "any");
        if ("array".equals(type) && field.getItems() != null && field.getItems().getSchema() != null) {
            return "array of " + type(field.getItems().getSchema());
        }
        if ("object".equals(type) && field.getProperties() == null && field.getAdditionalProperties() != null
                && field.getAdditionalProperties().getSchema() != null) {
            return "map of " + type(field.getAdditionalProperties().getSchema());
        }
        if (field.getEnum() != null && !field.getEnum().isEmpty()) {
            return type + ": " + String.join(", ", field.getEnum().stream().map(v -> "`" + v.asText() + "`").toList());
        }
        return type;
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
