package dev.playbake.operator.reconcile;

import dev.playbake.imagebuild.BuildResult;
import dev.playbake.imagebuild.TaskReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/** The operator's build metrics: builds by result, duration, queue length, running builds, cache hit ratio. */
public final class BuildMetrics {

    private final MeterRegistry registry;

    public BuildMetrics(MeterRegistry registry, BuildScheduler scheduler) {
        this.registry = registry;
        Gauge.builder("playbake.builds.queued", scheduler, BuildScheduler::queued)
                .description("Builds waiting for a free slot on a Docker host").register(registry);
        Gauge.builder("playbake.builds.running", scheduler, BuildScheduler::running)
                .description("Builds running now").register(registry);
    }

    /** Counts a finished build and, when it ran, its duration and cache hit ratio. */
    public void ended(BuildResult result, Duration duration) {
        String outcome = result instanceof BuildResult.Succeeded ? "succeeded"
                : result instanceof BuildResult.Failed failed ? "failed-" + StatusReason.of(failed.failure().reason()).name()
                : "canceled";
        Counter.builder("playbake.builds").description("Finished builds by result").tag("result", outcome)
                .register(registry).increment();
        Timer.builder("playbake.build.duration").description("How long builds took").tag("result", outcome)
                .register(registry).record(duration);
        if (!result.tasks().isEmpty()) {
            long cached = result.tasks().stream().filter(t -> t.status() == TaskReport.Status.CACHED).count();
            DistributionSummary.builder("playbake.build.cache.hit.ratio")
                    .description("Share of a build's tasks the layer cache covered").register(registry)
                    .record(cached / (double) result.tasks().size());
        }
    }
}
