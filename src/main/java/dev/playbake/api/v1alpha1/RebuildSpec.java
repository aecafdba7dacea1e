package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A way to ask for a rebuild of an unchanged spec. */
public class RebuildSpec {

    @JsonPropertyDescription("Any string; changing it starts a new build (e.g. a date, to pick up new base packages).")
    public String token;
}
