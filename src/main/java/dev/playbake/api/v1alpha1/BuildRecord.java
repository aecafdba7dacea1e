package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One ended build of an ImageBuild, as status.history lists it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class BuildRecord {

    @JsonPropertyDescription("The buildCounter of the build.")
    public Long counter;

    @JsonPropertyDescription("Its attempt: above 1 for retries of a transient failure.")
    public Integer attempt;

    @JsonPropertyDescription("The build's ID (label playbake.dev/build of its containers); playbake logs --build takes it.")
    public String buildId;

    @JsonPropertyDescription("Succeeded, Failed, Canceled or Interrupted.")
    public String result;

    @JsonPropertyDescription("Why it did not succeed: the failure reason (PlaybookFailed, PushFailed, Timeout...).")
    public String reason;

    @JsonPropertyDescription("The manifest digest it pushed, when it succeeded.")
    public String digest;

    @JsonPropertyDescription("When it left the queue (RFC 3339); empty when it ended before.")
    public String startTime;

    @JsonPropertyDescription("When it ended (RFC 3339).")
    public String completionTime;

    @JsonPropertyDescription("The Docker host that ran it.")
    public String buildHost;
}
