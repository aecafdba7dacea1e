package dev.playbake.operator.runtime;

import dev.playbake.api.BuildContainerPolicy;
import dev.playbake.api.BuildContainerPolicy.Limit;
import dev.playbake.api.BuildContainerPolicy.Resource;
import dev.playbake.runtime.ContainerLimits;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The build-container policy {@code playbake.operator.build-container.*} configures. */
public final class BuildContainerPolicies {

    private static final String PREFIX = "playbake.operator.build-container.";

    private BuildContainerPolicies() {
    }

    /**
     * The policy of this configuration.
     *
     * @throws IllegalArgumentException naming the key whose value is wrong
     */
    public static BuildContainerPolicy from(OperatorConfig.BuildContainer config) {
        try {
            return new BuildContainerPolicy(
                    Limit.of(Resource.MEMORY, config.memory().defaultValue(), config.memory().max()),
                    Limit.of(Resource.CPU, config.cpu().defaultValue(), config.cpu().max()),
                    Limit.of(Resource.PIDS, config.pids().defaultValue(), config.pids().max()),
                    network(config.network().defaultValue()),
                    config.network().allowed().stream().map(BuildContainerPolicies::network).collect(Collectors.toSet()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + e.getMessage(), e);
        }
    }

    private static ContainerLimits.Network network(String name) {
        return Arrays.stream(ContainerLimits.Network.values())
                .filter(n -> BuildContainerPolicy.name(n).equalsIgnoreCase(name.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("network: '" + name + "' is not a network a build"
                        + " container may have (" + Arrays.stream(ContainerLimits.Network.values())
                        .map(BuildContainerPolicy::name).collect(Collectors.joining(", ")) + ")"));
    }
}
