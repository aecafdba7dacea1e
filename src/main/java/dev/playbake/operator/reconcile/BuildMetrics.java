package dev.playbake.operator.reconcile;

import dev.playbake.imagebuild.BuildResult;
import dev.playbake.imagebuild.TaskReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The operator's build metrics, each by Docker host: builds by result, duration, queue length, running builds,
 * cached tasks and the cache hit ratio. Sum over {@code host} for the operator's totals.
 */
public final class BuildMetrics {

    private final MeterRegistry registry;

    public BuildMetrics(MeterRegistry registry, BuildScheduler scheduler) {
        this.registry = registry;
        for (BuildHost host : scheduler.hosts()) {
            Gauge.builder("playbake.builds.queued", scheduler, s -> s.queued(host.name())).tag("host", host.name())
                    .description("Builds waiting for a free slot on a Docker host").register(registry);
            Gauge.builder("playbake.builds.running", scheduler, s -> s.running(host.name())).tag("host", host.name())
                    .description("Builds running now on a Docker host").register(registry);
        }
    }

    /** Counts a finished build on {@code host} and, when it ran, its duration, cached tasks and cache hit ratio. */
    public void ended(String host, BuildResult result, Duration duration) {
        String outcome = result instanceof BuildResult.Succeeded ? "succeeded"
                : result instanceof BuildResult.Failed failed ? "failed-" + StatusReason.of(failed.failure().reason()).name()
                : "canceled";
        Counter.builder("playbake.builds").description("Finished builds by result").tag("result", outcome)
                .tag("host", host).register(registry).increment();
        Timer.builder("playbake.build.duration").description("How long builds took").tag("result", outcome)
                .tag("host", host).register(registry).record(duration);
        if (!result.tasks().isEmpty()) {
            long cached = result.tasks().stream().filter(t -> t.status() == TaskReport.Status.CACHED).count();
            Counter.builder("playbake.build.cache.hits").description("Tasks the layer cache covered")
                    .tag("host", host).register(registry).increment(cached);
            DistributionSummary.builder("playbake.build.cache.hit.ratio")
                    .description("Share of a build's tasks the layer cache covered").tag("host", host)
                    .register(registry).record(cached / (double) result.tasks().size());
        }
    }
}
