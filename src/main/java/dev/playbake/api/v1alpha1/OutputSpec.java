package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The image a build produces and where it is pushed. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class OutputSpec {

    @Required
    @Pattern(Patterns.OUTPUT_IMAGE)
    @JsonPropertyDescription("Reference to tag and push the image as, e.g. registry.example.com/team/web:1.4:"
            + " [registry[:port]/]path[:tag], the path in lower case, the tag at most 128 characters, no scheme,"
            + " no digest, the repository name at most 255 characters. Another reference is refused (InvalidSpec),"
            + " never retried.")
    public String image;

    @JsonPropertyDescription("More tags of the same repository to push, e.g. latest.")
    public List<String> additionalTags = new ArrayList<>();

    @JsonPropertyDescription("A kubernetes.io/dockerconfigjson Secret with credentials for the push.")
    public LocalObjectRef pushSecretRef;

    @JsonPropertyDescription("The registry speaks plain HTTP or has a certificate that is not verified.")
    public boolean insecure;

    @JsonPropertyDescription("Labels of the image (OCI annotations such as org.opencontainers.image.source).")
    public Map<String, String> labels = new LinkedHashMap<>();
}
