package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Where to read the playbook from instead of embedding it. */
public class PlaybookFrom {

    @Required
    @JsonPropertyDescription("The ConfigMap key holding the playbook; the key is the file name errors cite.")
    public ConfigMapKeyRef configMapKeyRef;
}
