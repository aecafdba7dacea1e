package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.Quantity;

/** Limits of the build container; each unset one takes the operator's default. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BuildResources {

    @JsonPropertyDescription("Memory, swap included, as a Kubernetes quantity, e.g. 512Mi or 2Gi.")
    public Quantity memory;

    @JsonPropertyDescription("CPUs as a Kubernetes quantity, e.g. 2, 1.5 or 500m.")
    public Quantity cpu;

    @Min(1)
    @JsonPropertyDescription("The most processes and threads that may run in the container at once, e.g. 1024.")
    public Long pids;
}
