package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Fingerprints of a build's inputs; an unchanged hash means nothing needs building. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class InputsStatus {

    @JsonPropertyDescription("sha256 over the spec, the resolved playbook, files and secret values, and the"
            + " rebuild token; a build runs only when it changes.")
    public String hash;

    @JsonPropertyDescription("sha256 of the playbook text.")
    public String playbookSha256;
}
