package dev.playbake.operator.reconcile;

import dev.playbake.imagebuild.BuildResult;
import dev.playbake.imagebuild.TaskReport;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What Prometheus scrapes of the build metrics: histogram buckets by host, as /q/metrics writes them. */
class BuildMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final BuildMetrics metrics = new BuildMetrics(registry,
            new BuildScheduler(List.of(new BuildHost("docker-1", 2, new FakeBuilder())), Clock.systemUTC()));

    @Test
    void buildDurationIsAHistogramFromSecondsToAnHourByHost() {
        metrics.ended("docker-1", succeeded(TaskReport.Status.CHANGED), Duration.ofSeconds(100));

        assertEquals(List.of("5.0=0", "15.0=0", "30.0=0", "60.0=0", "120.0=1", "300.0=1", "600.0=1", "1200.0=1",
                "2400.0=1", "3600.0=1", "+Inf=1"), buckets("playbake_build_duration_seconds_bucket"));
    }

    @Test
    void cacheHitPercentageIsAHistogramInTenths() {
        metrics.ended("docker-1", succeeded(TaskReport.Status.CACHED, TaskReport.Status.CACHED,
                TaskReport.Status.CACHED, TaskReport.Status.CHANGED), Duration.ofSeconds(3));

        assertEquals(List.of("10.0=0", "20.0=0", "30.0=0", "40.0=0", "50.0=0", "60.0=0", "70.0=0", "80.0=1", "90.0=1",
                "100.0=1", "+Inf=1"), buckets("playbake_build_cache_hit_percent_bucket"));
    }

    /** Each bucket of {@code name} on host docker-1 as {@code le=count}, in the order of the scrape. */
    private List<String> buckets(String name) {
        Matcher line = Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)$").matcher(registry.scrape());
        Pattern le = Pattern.compile("le=\"([^\"]+)\"");
        return line.results().filter(m -> m.group(1).contains("host=\"docker-1\""))
                .map(m -> le.matcher(m.group(1)).results().findFirst().orElseThrow().group(1) + "="
                        + (long) Double.parseDouble(m.group(2)))
                .toList();
    }

    private static BuildResult succeeded(TaskReport.Status... statuses) {
        List<TaskReport> tasks = IntStream.range(0, statuses.length)
                .mapToObj(i -> new TaskReport(i, "task " + i, statuses[i], 10, false)).toList();
        return new BuildResult.Succeeded("sha256:1", Optional.empty(), List.of(), 1, 0, tasks);
    }
}
