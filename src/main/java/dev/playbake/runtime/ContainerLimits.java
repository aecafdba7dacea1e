package dev.playbake.runtime;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a working container may use: memory, CPU and process count (each unlimited when empty) and its network.
 *
 * @param memoryBytes the memory limit, swap included
 * @param nanoCpus    CPU time in billionths of a CPU (1.5 CPUs is 1_500_000_000)
 * @param pids        the most processes and threads that may exist in it at once
 * @param network     the container's network
 */
public record ContainerLimits(OptionalLong memoryBytes, OptionalLong nanoCpus, OptionalLong pids, Network network) {

    /** No limits, on the default bridge network: what a container gets without asking. */
    public static final ContainerLimits NONE =
            new ContainerLimits(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Network.BRIDGE);

    public ContainerLimits {
        Objects.requireNonNull(memoryBytes, "memoryBytes");
        Objects.requireNonNull(nanoCpus, "nanoCpus");
        Objects.requireNonNull(pids, "pids");
        Objects.requireNonNull(network, "network");
    }

    /** The networks a build container may have; never the host's or another container's. */
    public enum Network {
        /** The host's default bridge: outbound traffic as the host routes it. */
        BRIDGE,
        /** Loopback only: nothing leaves the container. */
        NONE
    }
}
