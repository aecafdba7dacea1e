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
 * cached tasks and the cache hit percentage. Sum over {@code host} for the operator's totals. Duration and hit
 * percentage are histograms with fixed buckets, so that a query can aggregate them over hosts and operator replicas
 * (which client-side quantiles cannot).
 */
public final class BuildMetrics {

    /**
     * From an all-cached build (seconds) to an hour (twice the default timeout); the steps are where a dashboard or
     * an alert would draw a line, not an even spread, so that the series per host stay few.
     */
    private static final Duration[] DURATION_BUCKETS = {Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(40), Duration.ofMinutes(60)};
    /**
     * Tenths, in percent: Micrometer rounds a summary's values up to whole numbers before it counts them into
     * buckets, so a ratio's 0.1 … 0.9 would hold nothing and every build would land in 1.
     */
    private static final double[] PERCENT_BUCKETS = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};

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

    /** Counts a finished build on {@code host} and, when it ran, its duration, cached tasks and cache hit percentage. */
    public void ended(String host, BuildResult result, Duration duration) {
        String outcome = result instanceof BuildResult.Succeeded ? "succeeded"
                : result instanceof BuildResult.Failed failed ? "failed-" + StatusReason.of(failed.failure().reason()).name()
                : "canceled";
        Counter.builder("playbake.builds").description("Finished builds by result").tag("result", outcome)
                .tag("host", host).register(registry).increment();
        Timer.builder("playbake.build.duration").description("How long builds took").tag("result", outcome)
                .tag("host", host).serviceLevelObjectives(DURATION_BUCKETS).register(registry).record(duration);
        if (!result.tasks().isEmpty()) {
            long cached = result.tasks().stream().filter(t -> t.status() == TaskReport.Status.CACHED).count();
            Counter.builder("playbake.build.cache.hits").description("Tasks the layer cache covered")
                    .tag("host", host).register(registry).increment(cached);
            DistributionSummary.builder("playbake.build.cache.hit.percent").baseUnit("percent")
                    .description("Share of a build's tasks the layer cache covered, in percent").tag("host", host)
                    .serviceLevelObjectives(PERCENT_BUCKETS).register(registry)
                    .record(100.0 * cached / result.tasks().size());
        }
    }
}
