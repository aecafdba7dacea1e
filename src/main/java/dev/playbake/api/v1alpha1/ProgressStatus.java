package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How far a running build is. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ProgressStatus {

    @JsonPropertyDescription("Tasks finished (run or cached).")
    public Integer completedTasks;

    @JsonPropertyDescription("Tasks the playbook has.")
    public Integer totalTasks;

    @JsonPropertyDescription("Name of the task running now.")
    public String currentTask;

    @JsonPropertyDescription("completedTasks/totalTasks, as kubectl get shows it (4/10).")
    public String summary;
}
