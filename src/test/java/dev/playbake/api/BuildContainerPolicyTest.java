package dev.playbake.api;

import dev.playbake.api.BuildContainerPolicy.Limit;
import dev.playbake.api.BuildContainerPolicy.Resource;
import dev.playbake.api.v1alpha1.BuildResources;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildSpec;
import dev.playbake.operator.ImageBuilds;
import dev.playbake.runtime.ContainerLimits;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Defaults, maximums and allowed networks of build containers, from the spec to the request. */
class BuildContainerPolicyTest {

    private static final BuildContainerPolicy OPERATOR = new BuildContainerPolicy(
            Limit.of(Resource.MEMORY, "2Gi", "8Gi"), Limit.of(Resource.CPU, "2", "4"),
            Limit.of(Resource.PIDS, "1024", "4096"), ContainerLimits.Network.BRIDGE,
            Set.of(ContainerLimits.Network.BRIDGE));

    @Test
    void aSpecWithoutLimitsGetsTheDefaults() {
        assertEquals(new ContainerLimits(OptionalLong.of(2L << 30), OptionalLong.of(2_000_000_000L),
                OptionalLong.of(1024), ContainerLimits.Network.BRIDGE), request(new ImageBuildSpec(), OPERATOR).limits());
    }

    @Test
    void theSpecsLimitsInKubernetesQuantities() {
        ImageBuildSpec spec = new ImageBuildSpec();
        spec.resources = resources("1.5Gi", "500m", 100L);
        assertEquals(new ContainerLimits(OptionalLong.of(3L << 29), OptionalLong.of(500_000_000L), OptionalLong.of(100),
                ContainerLimits.Network.BRIDGE), request(spec, OPERATOR).limits());
        spec.resources = resources(null, "4", null);
        assertEquals(OptionalLong.of(4_000_000_000L), request(spec, OPERATOR).limits().nanoCpus(), "the maximum itself");
    }

    @Test
    void eachLimitAboveItsMaximumOrMalformedIsNamedWithTheMaximum() {
        ImageBuildSpec spec = new ImageBuildSpec();
        spec.resources = resources("9Gi", "4001m", 4097L);
        spec.network = ImageBuildSpec.Network.NONE;
        assertEquals(List.of(
                "spec.resources.memory: 9Gi is above the maximum this operator allows, 8Gi",
                "spec.resources.cpu: 4001m is above the maximum this operator allows, 4",
                "spec.resources.pids: 4097 is above the maximum this operator allows, 4096",
                "spec.network: None is not allowed by this operator (allowed: Bridge)"), problems(spec));

        spec.resources = resources("2GB", "1m", 0L);
        spec.network = null;
        assertEquals(List.of(
                "spec.resources.memory: '2GB' is not a Kubernetes quantity such as 2Gi",
                "spec.resources.cpu: '1m' is less than 10m, the least a container may have",
                "spec.resources.pids: '0' is less than 1, the least a container may have"), problems(spec));
    }

    @Test
    void theClisPolicyLimitsNothingTheSpecLeavesOpen() {
        ImageBuildSpec spec = new ImageBuildSpec();
        assertEquals(ContainerLimits.NONE, request(spec, BuildContainerPolicy.UNLIMITED).limits());
        spec.resources = resources("64Gi", null, null);
        spec.network = ImageBuildSpec.Network.NONE;
        ContainerLimits limits = request(spec, BuildContainerPolicy.UNLIMITED).limits();
        assertEquals(OptionalLong.of(64L << 30), limits.memoryBytes());
        assertEquals(ContainerLimits.Network.NONE, limits.network());
    }

    @Test
    void aConfigurationWithTheDefaultAboveTheMaximumOrAnUnallowedDefaultNetworkIsRefused() {
        assertEquals("memory: the default 16Gi is above the maximum 8Gi", assertThrows(IllegalArgumentException.class,
                () -> Limit.of(Resource.MEMORY, "16Gi", "8Gi")).getMessage());
        assertEquals("cpu: 'two' is not a Kubernetes quantity such as 2 or 500m", assertThrows(
                IllegalArgumentException.class, () -> Limit.of(Resource.CPU, "two", "4")).getMessage());
        assertEquals("the default network None is not one of the allowed ones (Bridge)", assertThrows(
                IllegalArgumentException.class, () -> new BuildContainerPolicy(Limit.none(Resource.MEMORY),
                        Limit.none(Resource.CPU), Limit.none(Resource.PIDS), ContainerLimits.Network.NONE,
                        Set.of(ContainerLimits.Network.BRIDGE))).getMessage());
    }

    private static BuildResources resources(String memory, String cpu, Long pids) {
        BuildResources resources = new BuildResources();
        resources.memory = memory == null ? null : new Quantity(memory);
        resources.cpu = cpu == null ? null : new Quantity(cpu);
        resources.pids = pids;
        return resources;
    }

    private static List<String> problems(ImageBuildSpec spec) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> request(spec, OPERATOR));
        return e.problems().stream().map(SpecProblem::toString).toList();
    }

    private static dev.playbake.imagebuild.BuildRequest request(ImageBuildSpec limits, BuildContainerPolicy policy) {
        ImageBuild build = ImageBuilds.imageBuild("web", "registry.example/web:1");
        build.getSpec().resources = limits.resources;
        build.getSpec().network = limits.network;
        return BuildRequests.from(build, ResolvedInputs.none(), "b-1", "default/web", policy);
    }
}
