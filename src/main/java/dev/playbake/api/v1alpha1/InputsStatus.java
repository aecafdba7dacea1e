package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Fingerprints of a build's inputs; an unchanged hash means nothing needs building. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class InputsStatus {

    @JsonPropertyDescription("sha256 over the spec, the resolved playbook, files and secret values, and the"
            + " rebuild token (not the base image's poll interval); a build runs when it changes, or when a watched"
            + " base image's digest moves.")
    public String hash;

    @JsonPropertyDescription("sha256 of the playbook text.")
    public String playbookSha256;

    @JsonPropertyDescription("The registry digest (sha256:...) of the base image the build started from, as its"
            + " pull found it; empty while the build has not pulled it, and for an image only the Docker host has.")
    public String baseImageDigest;
}
