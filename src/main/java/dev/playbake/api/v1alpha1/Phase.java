package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A one-word summary of an ImageBuild's state for people; the conditions are the contract. */
public enum Phase {
    @JsonProperty("Pending") PENDING,
    @JsonProperty("Building") BUILDING,
    @JsonProperty("Pushing") PUSHING,
    @JsonProperty("Succeeded") SUCCEEDED,
    @JsonProperty("Failed") FAILED,
    @JsonProperty("Canceled") CANCELED;

    /** Whether no build runs or waits in this phase. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }
}
