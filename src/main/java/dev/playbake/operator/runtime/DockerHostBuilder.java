package dev.playbake.operator.runtime;

import dev.playbake.docker.DockerHost;
import dev.playbake.imagebuild.BuildFailure;
import dev.playbake.imagebuild.BuildListener;
import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.imagebuild.BuildResult;
import dev.playbake.imagebuild.Builder;
import dev.playbake.imagebuild.CancellationSignal;
import dev.playbake.imagebuild.ImageBuilder;
import dev.playbake.modules.egress.EgressPolicy;
import dev.playbake.runtime.HostUnavailableException;

import java.util.List;

/**
 * The real build on one Docker host, connecting per build: a host that is down when the operator starts, or
 * goes away later, makes builds fail with HostUnavailable (retried) instead of stopping the operator. Its
 * containers carry the operator's instance label, so that only this operator ever cleans them up; every build
 * runs under the operator's tenant isolation, and its module HTTP goes through the operator's egress policy.
 */
public final class DockerHostBuilder implements Builder {

    private final String uri;
    private final byte[] cacheKey;
    private final OperatorInstance instance;
    private final TenantIsolation isolation;
    private final EgressPolicy egress;

    public DockerHostBuilder(String uri, byte[] cacheKey, OperatorInstance instance, TenantIsolation isolation,
                             EgressPolicy egress) {
        this.uri = uri;
        this.cacheKey = cacheKey.clone();
        this.instance = instance;
        this.isolation = isolation;
        this.egress = egress;
    }

    @Override
    public BuildResult build(BuildRequest request, BuildListener listener, CancellationSignal cancellation) {
        DockerHost docker;
        try {
            docker = DockerHost.connect(uri);
        } catch (HostUnavailableException e) {
            return new BuildResult.Failed(BuildFailure.of(BuildFailure.Reason.HOST_UNAVAILABLE, e.getMessage()), List.of());
        }
        try (docker) {
            BuildRequest scoped = isolation.scoped(request);
            BuildRequest restricted = scoped.toBuilder().controller(scoped.controller().withEgress(egress)).build();
            return new ImageBuilder(docker, cacheKey, instance.containerLabels()).withTenancy(isolation.policy())
                    .build(restricted, listener, cancellation);
        }
    }
}
