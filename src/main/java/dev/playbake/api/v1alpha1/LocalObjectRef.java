package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Names an object in the ImageBuild's namespace. */
public class LocalObjectRef {

    @Required
    @JsonPropertyDescription("Name of the object, in the ImageBuild's namespace.")
    public String name;

    public LocalObjectRef() {
    }

    public LocalObjectRef(String name) {
        this.name = name;
    }
}
