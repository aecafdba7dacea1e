package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Retries of transient failures; permanent ones (a failed task, an invalid spec) are never retried. */
public class RetrySpec {

    @Min(0)
    @Max(20)
    @JsonPropertyDescription("How many times a transiently failed build is retried; default 2.")
    public Integer limit;

    @Pattern(Patterns.DURATION)
    @JsonPropertyDescription("Wait before the first retry, doubled for each further one; default 30s.")
    public String backoff;
}
