package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How many tasks of a build ended each way; status lists only some of them, the build log all. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TaskCountsStatus {

    @JsonPropertyDescription("Tasks finished so far (run or cached).")
    public Integer total;

    @JsonPropertyDescription("Tasks that changed the image.")
    public Integer changed;

    @JsonPropertyDescription("Tasks that ran and changed nothing.")
    public Integer ok;

    @JsonPropertyDescription("Tasks skipped by a when condition or a tag selection.")
    public Integer skipped;

    @JsonPropertyDescription("Tasks that failed.")
    public Integer failed;

    @JsonPropertyDescription("Tasks a layer-cache snapshot covered, not run.")
    public Integer cached;
}
