package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How far the current build is, or how far the last one got. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ProgressStatus {

    @JsonPropertyDescription("Tasks of the playbook finished (run, skipped or cached); fact gathering is not one.")
    public Integer completedTasks;

    @JsonPropertyDescription("Tasks the playbook has; never fewer than have finished, as handlers, rescues and"
            + " included tasks are known only once they run.")
    public Integer totalTasks;

    @JsonPropertyDescription("Name of the task running now.")
    public String currentTask;

    @JsonPropertyDescription("completedTasks/totalTasks, as kubectl get shows it (4/10).")
    public String summary;
}
