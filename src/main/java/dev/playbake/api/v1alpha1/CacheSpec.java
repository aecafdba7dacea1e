package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How the layer cache is used. */
public class CacheSpec {

    @JsonPropertyDescription("Enabled (default) uses and feeds the cache; Disabled runs every task and leaves a fresh cache, as docker build --no-cache does.")
    public Mode mode;

    @JsonPropertyDescription("Auto (default) snapshots when the work since the last snapshot cost more than four"
            + " snapshots, and after each of the last three steps that changed something; EveryChange snapshots after"
            + " every task that changed something.")
    public Snapshots snapshots;

    /** Whether the cache is used. */
    public enum Mode {
        @JsonProperty("Enabled") ENABLED,
        @JsonProperty("Disabled") DISABLED
    }

    /** When snapshots are committed. */
    public enum Snapshots {
        @JsonProperty("Auto") AUTO,
        @JsonProperty("EveryChange") EVERY_CHANGE
    }
}
