package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** How the latest build of an ImageBuild went, written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ImageBuildStatus {

    @JsonPropertyDescription("The metadata.generation this status describes.")
    public Long observedGeneration;

    @JsonPropertyDescription("Ready: the latest image matches the spec. Succeeded: how the last build ended"
            + " (Unknown while one runs).")
    public List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("A summary for people, derived from the conditions: Pending, Building, Pushing,"
            + " Succeeded, Failed or Canceled.")
    public Phase phase;

    @JsonPropertyDescription("The pushed image pinned by digest: repository@sha256:...")
    public String latestImage;

    @JsonPropertyDescription("What the last successful build produced.")
    public OutputStatus output;

    @JsonPropertyDescription("Builds started for this resource, counting each new set of inputs once.")
    public Long buildCounter;

    @JsonPropertyDescription("Attempt of the current build; above 1 after transient failures were retried.")
    public Integer attempt;

    @JsonPropertyDescription("ID of the current or last build; build containers carry it as label playbake.dev/build.")
    public String buildId;

    @JsonPropertyDescription("When the current or last build started (RFC 3339).")
    public String startTime;

    @JsonPropertyDescription("When the last build ended (RFC 3339).")
    public String completionTime;

    @JsonPropertyDescription("How long the last build ran, from its start to its end (1m12s); empty while it runs.")
    public String duration;

    @JsonPropertyDescription("When the next retry of a transient failure starts (RFC 3339).")
    public String nextRetryTime;

    @JsonPropertyDescription("Why the current or last build started: InputsChanged (a new spec, playbook, file,"
            + " secret value or rebuild token, the first build's too) or BaseImageUpdated (the base image's tag names"
            + " a new digest, see spec.rebuild.baseImagePollInterval); retries keep the reason of what they retry.")
    public String buildReason;

    @JsonPropertyDescription("Fingerprints of the inputs of the current or last build.")
    public InputsStatus inputs;

    @JsonPropertyDescription("How far the current build is, or the last one got: live while it runs, its final count"
            + " once it ended.")
    public ProgressStatus progress;

    @JsonPropertyDescription("The last 20 finished tasks of the current or last build with their outcome, and the"
            + " failed task first when it is older; taskCounts counts them all and the operator's build log lists"
            + " every one.")
    public List<TaskStatus> tasks = new ArrayList<>();

    @JsonPropertyDescription("Tasks the layer cache covered in the current or last build.")
    public Integer cacheHits;

    @JsonPropertyDescription("Why the last build failed, when it did.")
    public FailureStatus failure;

    @JsonPropertyDescription("Name of the Docker host that ran the current or last build.")
    public String buildHost;

    @JsonPropertyDescription("How many tasks of the current or last build ended each way.")
    public TaskCountsStatus taskCounts;

    @JsonPropertyDescription("The builds that ended, newest first, as many as the operator keeps logs of (10 by"
            + " default); the current build is added when it ends. playbake logs NAME --build COUNTER prints one's log.")
    public List<BuildRecord> history = new ArrayList<>();
}
