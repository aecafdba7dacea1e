package dev.playbake.operator.runtime;

import dev.playbake.docker.DockerHost;
import dev.playbake.imagebuild.BuildFailure;
import dev.playbake.imagebuild.BuildListener;
import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.imagebuild.BuildResult;
import dev.playbake.imagebuild.Builder;
import dev.playbake.imagebuild.CancellationSignal;
import dev.playbake.imagebuild.ImageBuilder;
import dev.playbake.imagebuild.PublishGate;
import dev.playbake.imagebuild.RegistryCache;
import dev.playbake.modules.egress.EgressPolicy;
import dev.playbake.runtime.HostUnavailableException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The real build on one Docker host, connecting per build: a host that is down when the operator starts, or
 * goes away later, makes builds fail with HostUnavailable (retried) instead of stopping the operator. Its
 * containers carry the operator's instance label, so that only this operator ever cleans them up; every build
 * runs under the operator's tenant isolation, and its module HTTP goes through the operator's egress policy. A
 * canceled build (timeout, delete, shutdown) aborts its calls in flight, so a host that stopped answering cannot
 * keep it.
 */
public final class DockerHostBuilder implements Builder {

    private final String uri;
    private final byte[] cacheKey;
    private final OperatorInstance instance;
    private final TenantIsolation isolation;
    private final EgressPolicy egress;
    private final Duration responseTimeout;
    private final PublishGate publishGate;
    private final Optional<OperatorRegistryCache> registryCache;

    /** @param responseTimeout how long a control call to the host waits for an answer */
    public DockerHostBuilder(String uri, byte[] cacheKey, OperatorInstance instance, TenantIsolation isolation,
                             EgressPolicy egress, Duration responseTimeout) {
        this(uri, cacheKey, instance, isolation, egress, responseTimeout, PublishGate.OPEN, Optional.empty());
    }

    /**
     * @param publishGate   asked before each finished build tags and pushes (closed once the leader lease is lost)
     * @param registryCache where builds export their snapshots and import those the host lacks, if anywhere
     */
    public DockerHostBuilder(String uri, byte[] cacheKey, OperatorInstance instance, TenantIsolation isolation,
                             EgressPolicy egress, Duration responseTimeout, PublishGate publishGate,
                             Optional<OperatorRegistryCache> registryCache) {
        this.publishGate = publishGate;
        this.registryCache = registryCache;
        this.uri = uri;
        this.cacheKey = cacheKey.clone();
        this.instance = instance;
        this.isolation = isolation;
        this.egress = egress;
        this.responseTimeout = responseTimeout;
    }

    @Override
    public BuildResult build(BuildRequest request, BuildListener listener, CancellationSignal cancellation) {
        Optional<String> refused = publishGate.refusal();
        if (refused.isPresent()) {
            // a queued build of a replica that lost its lease would only leave a container for nobody to remove
            return new BuildResult.Canceled(refused.get(), List.of());
        }
        DockerHost docker;
        try {
            docker = DockerHost.connect(uri, responseTimeout);
        } catch (HostUnavailableException e) {
            return new BuildResult.Failed(BuildFailure.of(BuildFailure.Reason.HOST_UNAVAILABLE, e.getMessage()), List.of());
        }
        try (docker) {
            cancellation.whenCanceled(why -> docker.abort("the build was canceled: " + why));
            BuildRequest scoped = isolation.scoped(request);
            BuildRequest restricted = scoped.toBuilder().controller(scoped.controller().withEgress(egress))
                    .registryCache(registryCache.map(c -> c.forScope(scoped.cacheScope())).orElse(RegistryCache.NONE))
                    .build();
            BuildResult result = new ImageBuilder(docker, cacheKey, instance.containerLabels())
                    .withTenancy(isolation.policy()).withPublishGate(publishGate).build(restricted, listener, cancellation);
            return docker.stoppedAnswering().map(why -> withHostNote(result, why)).orElse(result);
        }
    }

    /** Says in the result that the host stopped answering, which a timeout or cancel alone would not tell. */
    private static BuildResult withHostNote(BuildResult result, String why) {
        if (result instanceof BuildResult.Canceled canceled) {
            return new BuildResult.Canceled(canceled.reason(), canceled.tasks(), Optional.of(why));
        }
        if (result instanceof BuildResult.Failed failed && !failed.failure().message().contains(why)) {
            BuildFailure f = failed.failure();
            return new BuildResult.Failed(new BuildFailure(f.reason(), f.message() + "; " + why, f.file(), f.line(),
                    f.task(), f.logSnippet(), f.debugImage()), failed.tasks());
        }
        return result;
    }
}
