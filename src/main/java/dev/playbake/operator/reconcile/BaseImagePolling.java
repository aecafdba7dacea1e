package dev.playbake.operator.reconcile;

import dev.playbake.api.Durations;
import dev.playbake.api.SpecProblem;
import dev.playbake.api.v1alpha1.ImageBuildSpec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The rule for {@code spec.rebuild.baseImagePollInterval}: a duration no shorter than the operator's minimum, so a
 * tenant cannot make the operator ask a registry as often as it likes.
 *
 * @param minimum the shortest interval a spec may ask for ({@code playbake.operator.base-image-poll.min-interval})
 */
public record BaseImagePolling(Duration minimum) {

    /** The minimum unless the operator is configured otherwise. */
    public static final Duration DEFAULT_MINIMUM = Duration.ofMinutes(1);
    static final String FIELD = "spec.rebuild.baseImagePollInterval";

    public BaseImagePolling {
        if (minimum.isNegative()) {
            throw new IllegalArgumentException("the minimum base image poll interval must not be negative, not "
                    + Durations.format(minimum));
        }
    }

    /** What is wrong with the spec's interval: not a duration, zero, or below the minimum; empty when none is set. */
    public List<SpecProblem> problems(ImageBuildSpec spec) {
        Optional<String> text = text(spec);
        if (text.isEmpty()) {
            return List.of();
        }
        Optional<Duration> interval = Durations.parse(text.get());
        if (interval.isEmpty()) {
            return List.of(new SpecProblem(FIELD, "'" + text.get() + "' is not a duration such as 10m or 1h"));
        }
        if (interval.get().isZero() || interval.get().compareTo(minimum) < 0) {
            return List.of(new SpecProblem(FIELD, "'" + text.get() + "' is shorter than this operator allows: at least "
                    + Durations.format(minimum.isZero() ? Duration.ofMillis(1) : minimum)));
        }
        return List.of();
    }

    /** How often the spec's base image is looked up; empty when it is not watched or its interval has {@link #problems}. */
    public Optional<Duration> interval(ImageBuildSpec spec) {
        return problems(spec).isEmpty() ? text(spec).flatMap(Durations::parse) : Optional.empty();
    }

    private static Optional<String> text(ImageBuildSpec spec) {
        return Optional.ofNullable(spec).map(s -> s.rebuild).map(r -> r.baseImagePollInterval).filter(t -> !t.isEmpty());
    }
}
