package dev.playbake.imagebuild;

import dev.playbake.engine.PlanStep;
import dev.playbake.imagebuild.cache.CacheKeys;
import dev.playbake.playbook.Step;
import dev.playbake.playbook.TaskTree;
import dev.playbake.runtime.ImageInfo;
import dev.playbake.runtime.ImageSettings;

import java.util.List;
import java.util.Set;

/**
 * What a build will do, worked out before any container starts (docs/architecture.md, "Cache keys").
 *
 * @param inputs           the parsed playbook and its files
 * @param base             the base image
 * @param steps            the plan steps, each one snapshot's worth
 * @param keys             each step's cache key
 * @param imageKey         the finished image's key: the last step's, the settings and the tags
 * @param settings         the result's configuration
 * @param resumes          whether the build may resume from the cache (every build feeds it)
 * @param firstUncacheable the first step tagged {@code no-cache}; the number of steps when none is
 */
record BuildPlan(BuildInputs inputs, ImageInfo base, List<PlanStep> steps, List<String> keys, String imageKey,
                 ImageSettings settings, boolean resumes, int firstUncacheable) {

    static BuildPlan of(BuildInputs inputs, ImageInfo base, BuildRequest request, Set<String> containerLabels,
                        byte[] secretKey) {
        List<PlanStep> steps = PlanStep.plan(inputs.playbook().plays());
        ImageSettings settings = ResultSettings.of(base, request, containerLabels);
        List<String> keys = CacheKeys.steps(CacheKeys.root(base.id(), inputs.playbook(), inputs.files(), request,
                request.tagSelection(), secretKey), steps, inputs.playbook(), inputs.files());
        String imageKey = CacheKeys.image(keys.isEmpty() ? base.id() : keys.get(keys.size() - 1), settings,
                request.tags());
        return new BuildPlan(inputs, base, steps, keys, imageKey, settings,
                request.cache() == BuildRequest.CacheMode.ENABLED, firstNoCacheStep(steps));
    }

    /** Whether a finished image may stand for the whole build: only when no step must always run. */
    boolean finishedImageUsable() {
        return resumes && firstUncacheable == steps.size();
    }

    /** The keys of the steps a snapshot may cover: a step tagged no-cache, and every step after it, always runs. */
    List<String> resumableKeys() {
        return keys.subList(0, firstUncacheable);
    }

    private static int firstNoCacheStep(List<PlanStep> plan) {
        for (PlanStep step : plan) {
            boolean enclosedInTagged = step.within().stream().anyMatch(b -> b.options().tags().contains("no-cache"));
            if (step.step().isPresent() && (enclosedInTagged || tagged(step.step().get()))) {
                return step.index();
            }
        }
        return plan.size();
    }

    /** Whether the step or anything in it is tagged no-cache (tags add up inwards, so one tag is enough). */
    private static boolean tagged(Step step) {
        return TaskTree.steps(step, TaskTree.Sections.ALL).anyMatch(s -> s.options().tags().contains("no-cache"));
    }
}
