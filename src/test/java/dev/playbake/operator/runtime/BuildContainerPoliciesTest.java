package dev.playbake.operator.runtime;

import dev.playbake.api.BuildContainerPolicy;
import dev.playbake.operator.OperatorConfigs;
import dev.playbake.runtime.ContainerLimits;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** playbake.operator.build-container.* read as the operator reads it. */
class BuildContainerPoliciesTest {

    private static final String PREFIX = "playbake.operator.build-container.";

    @Test
    void theDefaultsLimitEveryBuildContainer() {
        BuildContainerPolicy policy = BuildContainerPolicies.from(OperatorConfigs.of(Map.of()).buildContainer());
        assertEquals(OptionalLong.of(2L << 30), policy.memory().defaultAmount().map(a -> OptionalLong.of(a.value())).orElseThrow());
        assertEquals("8Gi", policy.memory().max().orElseThrow().text());
        assertEquals(2_000_000_000L, policy.cpu().defaultAmount().orElseThrow().value());
        assertEquals(4_000_000_000L, policy.cpu().max().orElseThrow().value());
        assertEquals(1024, policy.pids().defaultAmount().orElseThrow().value());
        assertEquals(4096, policy.pids().max().orElseThrow().value());
        assertEquals(ContainerLimits.Network.BRIDGE, policy.defaultNetwork());
        assertEquals(Set.of(ContainerLimits.Network.BRIDGE, ContainerLimits.Network.NONE), policy.allowedNetworks());
    }

    @Test
    void configuredValues() {
        BuildContainerPolicy policy = BuildContainerPolicies.from(OperatorConfigs.of(Map.of(
                PREFIX + "memory.default", "512Mi", PREFIX + "memory.max", "1Gi",
                PREFIX + "cpu.default", "500m", PREFIX + "pids.max", "2048",
                PREFIX + "network.default", "none", PREFIX + "network.allowed", "None")).buildContainer());
        assertEquals(512L << 20, policy.memory().defaultAmount().orElseThrow().value());
        assertEquals(500_000_000L, policy.cpu().defaultAmount().orElseThrow().value());
        assertEquals(2048, policy.pids().max().orElseThrow().value());
        assertEquals(ContainerLimits.Network.NONE, policy.defaultNetwork());
        assertEquals(Set.of(ContainerLimits.Network.NONE), policy.allowedNetworks());
    }

    @Test
    void aWrongValueNamesItsKey() {
        assertEquals(PREFIX + "network: 'Host' is not a network a build container may have (Bridge, None)",
                refused(Map.of(PREFIX + "network.allowed", "Bridge,Host")));
        assertEquals(PREFIX + "pids: the default 8192 is above the maximum 4096",
                refused(Map.of(PREFIX + "pids.default", "8192")));
    }

    private static String refused(Map<String, String> properties) {
        return assertThrows(IllegalArgumentException.class,
                () -> BuildContainerPolicies.from(OperatorConfigs.of(properties).buildContainer())).getMessage();
    }
}
