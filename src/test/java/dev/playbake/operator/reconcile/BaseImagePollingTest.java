package dev.playbake.operator.reconcile;

import dev.playbake.api.SpecProblem;
import dev.playbake.api.v1alpha1.ImageBuildSpec;
import dev.playbake.api.v1alpha1.RebuildSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BaseImagePollingTest {

    private static final BaseImagePolling DEFAULT = new BaseImagePolling(BaseImagePolling.DEFAULT_MINIMUM);

    @Test
    void anIntervalAtOrAboveTheMinimumIsHowOftenTheBaseImageIsLookedUp() {
        assertEquals(Optional.of(Duration.ofMinutes(1)), DEFAULT.interval(spec("1m")));
        assertEquals(Optional.of(Duration.ofMinutes(90)), DEFAULT.interval(spec("1h30m")));
        assertEquals(List.of(), DEFAULT.problems(spec("10m")));
    }

    @Test
    void noIntervalWatchesNothing() {
        assertEquals(Optional.empty(), DEFAULT.interval(spec(null)));
        assertEquals(Optional.empty(), DEFAULT.interval(spec("")));
        assertEquals(Optional.empty(), DEFAULT.interval(new ImageBuildSpec()));
        assertEquals(Optional.empty(), DEFAULT.interval(null));
        assertEquals(List.of(), DEFAULT.problems(spec(null)));
    }

    @Test
    void anIntervalBelowTheMinimumOrZeroOrNoDurationIsAProblemOfTheField() {
        assertEquals(List.of(new SpecProblem("spec.rebuild.baseImagePollInterval",
                "'59s' is shorter than this operator allows: at least 1m")), DEFAULT.problems(spec("59s")));
        assertEquals(List.of(new SpecProblem("spec.rebuild.baseImagePollInterval",
                "'hourly' is not a duration such as 10m or 1h")), DEFAULT.problems(spec("hourly")));
        assertEquals(Optional.empty(), DEFAULT.interval(spec("59s")), "a refused interval watches nothing");
        BaseImagePolling any = new BaseImagePolling(Duration.ZERO);
        assertEquals(List.of(new SpecProblem("spec.rebuild.baseImagePollInterval",
                "'0s' is shorter than this operator allows: at least 1ms")), any.problems(spec("0s")));
    }

    @Test
    void theOperatorMayAllowShorterIntervals() {
        assertEquals(Optional.of(Duration.ofSeconds(2)), new BaseImagePolling(Duration.ofSeconds(1)).interval(spec("2s")));
        assertThrows(IllegalArgumentException.class, () -> new BaseImagePolling(Duration.ofSeconds(-1)));
    }

    private static ImageBuildSpec spec(String interval) {
        ImageBuildSpec spec = new ImageBuildSpec();
        spec.rebuild = new RebuildSpec();
        spec.rebuild.baseImagePollInterval = interval;
        return spec;
    }
}
