package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One task of a build and its outcome. */
public class TaskStatus {

    @JsonPropertyDescription("The task's name.")
    public String name;

    @JsonPropertyDescription("cached, ok, changed, skipped or failed.")
    public String status;

    @JsonPropertyDescription("How long the task ran in milliseconds; 0 when cached.")
    public Long durationMs;

    @JsonPropertyDescription("The task's place in the build, from 1, as the build log numbers it.")
    public Integer number;
}
