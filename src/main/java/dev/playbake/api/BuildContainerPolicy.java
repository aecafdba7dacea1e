package dev.playbake.api;

import dev.playbake.api.v1alpha1.BuildResources;
import dev.playbake.api.v1alpha1.ImageBuildSpec;
import dev.playbake.runtime.ContainerLimits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules for build containers: for memory, CPU and pids a default (for a spec that sets none) and a maximum (a
 * spec above it is invalid), and the networks a spec may choose.
 *
 * @param defaultNetwork  the network of a spec that names none
 * @param allowedNetworks the networks a spec may name
 */
public record BuildContainerPolicy(Limit memory, Limit cpu, Limit pids, ContainerLimits.Network defaultNetwork,
                                   Set<ContainerLimits.Network> allowedNetworks) {

    /** The CLI's: what the spec says, and no limit where it says nothing. */
    public static final BuildContainerPolicy UNLIMITED = new BuildContainerPolicy(Limit.none(Resource.MEMORY),
            Limit.none(Resource.CPU), Limit.none(Resource.PIDS), ContainerLimits.Network.BRIDGE,
            EnumSet.allOf(ContainerLimits.Network.class));

    public BuildContainerPolicy {
        Objects.requireNonNull(defaultNetwork, "defaultNetwork");
        allowedNetworks = Set.copyOf(allowedNetworks);
        if (!allowedNetworks.contains(defaultNetwork)) {
            throw new IllegalArgumentException("the default network " + name(defaultNetwork)
                    + " is not one of the allowed ones (" + names(allowedNetworks) + ")");
        }
    }

    /** The limits of a spec's build container; what breaks a rule is added to the problems. */
    ContainerLimits limits(ImageBuildSpec spec, List<SpecProblem> problems) {
        BuildResources resources = Optional.ofNullable(spec.resources).orElseGet(BuildResources::new);
        OptionalLong memoryBytes = memory.of(Optional.ofNullable(resources.memory).map(Object::toString), problems);
        OptionalLong nanoCpus = cpu.of(Optional.ofNullable(resources.cpu).map(Object::toString), problems);
        OptionalLong pidsLimit = pids.of(Optional.ofNullable(resources.pids).map(String::valueOf), problems);
        ContainerLimits.Network network = spec.network == null ? defaultNetwork
                : spec.network == ImageBuildSpec.Network.NONE ? ContainerLimits.Network.NONE : ContainerLimits.Network.BRIDGE;
        if (!allowedNetworks.contains(network)) {
            problems.add(new SpecProblem("spec.network", name(network) + " is not allowed by this operator (allowed: "
                    + names(allowedNetworks) + ")"));
        }
        return new ContainerLimits(memoryBytes, nanoCpus, pidsLimit, network);
    }

    /** A network as a spec names it. */
    public static String name(ContainerLimits.Network network) {
        return network == ContainerLimits.Network.NONE ? "None" : "Bridge";
    }

    private static String names(Set<ContainerLimits.Network> networks) {
        return networks.stream().sorted().map(BuildContainerPolicy::name).collect(Collectors.joining(", "));
    }

    /** A limited resource: what its values look like and the least the Docker engine accepts. */
    public enum Resource {
        /** Bytes, from a quantity such as 2Gi. */
        MEMORY("memory", BigDecimal.ONE, "6Mi", "2Gi"),
        /** Billionths of a CPU, from a quantity such as 2 or 500m. */
        CPU("cpu", BigDecimal.ONE.scaleByPowerOfTen(9), "10m", "2 or 500m"),
        /** Processes and threads, a whole number. */
        PIDS("pids", BigDecimal.ONE, "1", "1024");

        private final String field;
        private final BigDecimal unit;
        private final String least;
        private final String example;

        Resource(String field, BigDecimal unit, String least, String example) {
            this.field = field;
            this.unit = unit;
            this.least = least;
            this.example = example;
        }

        /** Where a spec sets it, e.g. {@code spec.resources.memory}. */
        public String field() {
            return "spec.resources." + field;
        }

        /**
         * The amount a text stands for, in the unit the engine takes (rounded up).
         *
         * @throws IllegalArgumentException saying what is wrong with the text
         */
        public long amount(String text) {
            Optional<BigDecimal> number = this == PIDS
                    ? Optional.of(text).filter(t -> t.matches("[0-9]{1,18}")).map(BigDecimal::new)
                    : Quantities.parse(text);
            if (number.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' is not " + (this == PIDS ? "a whole number"
                        : "a Kubernetes quantity") + " such as " + example);
            }
            long amount;
            try {
                amount = number.get().multiply(unit).setScale(0, RoundingMode.CEILING).longValueExact();
            } catch (ArithmeticException tooLarge) {
                throw new IllegalArgumentException("'" + text + "' is too large");
            }
            if (amount < leastAmount()) {
                throw new IllegalArgumentException("'" + text + "' is less than " + least + ", the least a container may have");
            }
            return amount;
        }

        private long leastAmount() {
            return this == PIDS ? 1 : Quantities.parse(least).orElseThrow().multiply(unit).longValueExact();
        }
    }

    /**
     * A resource's default and maximum, each in the engine's unit with the text it was configured as.
     *
     * @param defaultAmount what a spec that sets none gets; empty for no limit
     * @param max           the most a spec may ask for; empty for no maximum
     */
    public record Limit(Resource resource, Optional<Amount> defaultAmount, Optional<Amount> max) {

        public Limit {
            Objects.requireNonNull(resource, "resource");
            if (defaultAmount.isPresent() && max.isPresent() && defaultAmount.get().value() > max.get().value()) {
                throw new IllegalArgumentException(resource.field + ": the default " + defaultAmount.get().text()
                        + " is above the maximum " + max.get().text());
            }
        }

        /** No default and no maximum. */
        public static Limit none(Resource resource) {
            return new Limit(resource, Optional.empty(), Optional.empty());
        }

        /**
         * From the texts of a configuration.
         *
         * @throws IllegalArgumentException naming the resource and what is wrong
         */
        public static Limit of(Resource resource, String defaultText, String maxText) {
            return new Limit(resource, Optional.of(Amount.of(resource, defaultText)), Optional.of(Amount.of(resource, maxText)));
        }

        private OptionalLong of(Optional<String> requested, List<SpecProblem> problems) {
            if (requested.isEmpty()) {
                return defaultAmount.map(a -> OptionalLong.of(a.value())).orElse(OptionalLong.empty());
            }
            long amount;
            try {
                amount = resource.amount(requested.get());
            } catch (IllegalArgumentException e) {
                problems.add(new SpecProblem(resource.field(), e.getMessage()));
                return OptionalLong.empty();
            }
            if (max.isPresent() && amount > max.get().value()) {
                problems.add(new SpecProblem(resource.field(), requested.get() + " is above the maximum this operator"
                        + " allows, " + max.get().text()));
            }
            return OptionalLong.of(amount);
        }
    }

    /** An amount and the text it was written as, e.g. 8589934592 bytes written as 8Gi. */
    public record Amount(long value, String text) {

        static Amount of(Resource resource, String text) {
            try {
                return new Amount(resource.amount(text), text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(resource.field + ": " + e.getMessage(), e);
            }
        }
    }
}
