package dev.playbake.operator.reconcile;

import dev.playbake.api.Durations;
import dev.playbake.api.v1alpha1.RetrySpec;

import java.time.Duration;

/**
 * How transient failures are retried.
 *
 * @param limit   retries after the first attempt
 * @param backoff wait before the first retry, doubled for each further one
 */
public record RetryPolicy(int limit, Duration backoff) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(2, Duration.ofSeconds(30));

    /** The spec's policy; fields it leaves out (or cannot be parsed, which the CRD rejects) take the defaults. */
    public static RetryPolicy of(RetrySpec spec) {
        if (spec == null) {
            return DEFAULT;
        }
        return new RetryPolicy(spec.limit == null ? DEFAULT.limit : spec.limit,
                Durations.parse(spec.backoff).orElse(DEFAULT.backoff));
    }
}
