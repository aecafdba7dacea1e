package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A Kubernetes-style condition. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class Condition {

    @Required
    @JsonPropertyDescription("Ready or Succeeded.")
    public String type;

    @Required
    @JsonPropertyDescription("True, False or Unknown.")
    public String status;

    @JsonPropertyDescription("One CamelCase word: Succeeded, Running, PlaybookFailed, SecretNotFound, ...")
    public String reason;

    @JsonPropertyDescription("Details for people (secret values masked).")
    public String message;

    @JsonPropertyDescription("When status last changed (RFC 3339).")
    public String lastTransitionTime;

    @JsonPropertyDescription("The metadata.generation the condition was set for.")
    public Long observedGeneration;
}
