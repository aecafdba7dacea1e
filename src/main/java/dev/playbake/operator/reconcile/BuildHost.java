package dev.playbake.operator.reconcile;

import dev.playbake.imagebuild.Builder;

/**
 * A Docker host builds run on.
 *
 * @param name        as status.buildHost shows it
 * @param concurrency how many builds may run on it at once
 * @param builder     runs builds there
 */
public record BuildHost(String name, int concurrency, Builder builder) {

    public BuildHost {
        if (concurrency < 1) {
            throw new IllegalArgumentException("Docker host " + name + ": concurrency must be at least 1, not " + concurrency);
        }
    }
}
