package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** One key of a ConfigMap in the ImageBuild's namespace. */
public class ConfigMapKeyRef {

    @Required
    @JsonPropertyDescription("Name of the ConfigMap.")
    public String name;

    @Required
    @JsonPropertyDescription("Key in the ConfigMap's data.")
    public String key;

    public ConfigMapKeyRef() {
    }

    public ConfigMapKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
    }
}
