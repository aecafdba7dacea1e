package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A source of playbook files. */
public class FilesFrom {

    @Required
    @JsonPropertyDescription("A ConfigMap whose data and binaryData keys become files.")
    public LocalObjectRef configMapRef;
}
