package dev.playbake.operator.reconcile;

import dev.playbake.imagebuild.BuildRequest;

import java.time.Duration;

/**
 * A build to run for one ImageBuild: the request and what the operator needs to track it.
 *
 * @param owner          {@code namespace/name}
 * @param target         the resource, for events
 * @param request        what to build
 * @param inputsHash     fingerprint of the inputs; a different one supersedes this build
 * @param playbookSha256 sha256 of the playbook text, for status
 * @param counter        the resource's build counter for these inputs
 * @param attempt        1, or more after transient failures
 * @param retryLimit     how many retries transient failures get
 * @param backoff        wait before the first retry, doubled for each further one
 * @param reason         why it started
 */
public record BuildPlan(String owner, BuildEvents.EventTarget target, BuildRequest request, String inputsHash,
                        String playbookSha256, long counter, int attempt, int retryLimit, Duration backoff,
                        BuildReason reason) {

    /** The wait before the retry that follows this attempt. */
    public Duration retryDelay() {
        return backoff.multipliedBy(1L << Math.min(attempt - 1, 10));
    }

    public boolean mayRetry() {
        return attempt <= retryLimit;
    }
}
