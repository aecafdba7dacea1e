package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** What a successful build produced. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class OutputStatus {

    @JsonPropertyDescription("Manifest digest the registry reported (sha256:...).")
    public String digest;

    @JsonPropertyDescription("Image ID on the Docker host (sha256:...).")
    public String imageId;

    @JsonPropertyDescription("The references pushed.")
    public List<String> tags = new ArrayList<>();

    @JsonPropertyDescription("Size of the image in bytes.")
    public Long sizeBytes;
}
