package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Why and where a build failed. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class FailureStatus {

    @JsonPropertyDescription("PlaybookFailed, PushFailed, PullFailed, HostUnavailable, Timeout, InvalidSpec or SecretNotFound.")
    public String reason;

    @JsonPropertyDescription("What went wrong (secret values masked).")
    public String message;

    @JsonPropertyDescription("The playbook or task file the failure points at.")
    public String file;

    @JsonPropertyDescription("1-based line in file.")
    public Integer line;

    @JsonPropertyDescription("Name of the failed task.")
    public String task;

    @JsonPropertyDescription("The last lines of output before the failure (secret values masked).")
    public String logSnippet;

    @JsonPropertyDescription("The failed container committed as an image, to step inside with docker run -it.")
    public String debugImage;
}
