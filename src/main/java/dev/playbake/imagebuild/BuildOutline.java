package dev.playbake.imagebuild;

import java.util.List;

/**
 * What a build will make, known once its playbook parsed.
 *
 * @param totalTasks the tasks of the plan that will be reported, run or cached ({@code engine.TaskPlan})
 * @param baseImage  the base image as the request names it
 * @param tags       the tags it will get
 */
public record BuildOutline(int totalTasks, String baseImage, List<String> tags) {

    public BuildOutline {
        tags = List.copyOf(tags);
    }
}
