package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A Secret whose keys become masked extra vars. */
public class SecretVarsFrom {

    @Required
    @JsonPropertyDescription("The Secret; each key is a variable name, each value its (masked) value.")
    public LocalObjectRef secretRef;
}
