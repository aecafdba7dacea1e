package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A state the user asks for; only {@code Canceled} exists: the build is stopped and not restarted. */
public enum BuildState {
    @JsonProperty("Canceled")
    CANCELED
}
