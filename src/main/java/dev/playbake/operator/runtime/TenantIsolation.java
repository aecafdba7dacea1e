package dev.playbake.operator.runtime;

import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.imagebuild.TenancyPolicy;

import java.time.Duration;

/**
 * How the operator keeps its tenants (the namespaces) apart on a shared Docker host: the builder's tenancy policy,
 * and whose cache a build may use.
 *
 * @param policy     what a build may take from the host and leave on it
 * @param shareCache whether all namespaces share one cache scope instead of one each
 */
public record TenantIsolation(TenancyPolicy policy, boolean shareCache) {

    /** The cache scope of every namespace when the cache is shared. */
    static final String SHARED_SCOPE = BuildRequest.SHARED_CACHE_SCOPE;

    /** The isolation the configuration asks for, debug images pushed next to the image (the default). */
    public static TenantIsolation of(boolean allowLocalImages, boolean shareCache, Duration debugImageRetention) {
        return of(allowLocalImages, shareCache, debugImageRetention, true);
    }

    /** @param pushDebugImages whether a kept debug image goes to the build's output repository too */
    public static TenantIsolation of(boolean allowLocalImages, boolean shareCache, Duration debugImageRetention,
                                     boolean pushDebugImages) {
        return new TenantIsolation(new TenancyPolicy(
                allowLocalImages ? TenancyPolicy.BaseImages.PULL_OR_LOCAL_ONLY : TenancyPolicy.BaseImages.PULL,
                debugImageRetention.isZero() ? TenancyPolicy.DebugImages.NEVER
                        : TenancyPolicy.DebugImages.WITHOUT_SECRETS, pushDebugImages, true), shareCache);
    }

    static TenantIsolation of(OperatorConfig config) {
        return of(config.allowLocalImages(), config.shareCache(), config.debugImageRetention(),
                config.pushDebugImages());
    }

    /** The request in its namespace's cache scope (its owner is {@code namespace/name}). */
    BuildRequest scoped(BuildRequest request) {
        String owner = request.owner();
        int slash = owner.indexOf('/');
        String namespace = slash < 0 ? owner : owner.substring(0, slash);
        return request.toBuilder().cacheScope(shareCache ? SHARED_SCOPE : namespace).build();
    }
}
