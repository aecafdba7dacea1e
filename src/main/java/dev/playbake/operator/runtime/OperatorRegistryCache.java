package dev.playbake.operator.runtime;

import dev.playbake.image.RegistryCredentials;
import dev.playbake.imagebuild.RegistryCache;

import java.util.List;
import java.util.Optional;

/**
 * The operator's snapshot cache in a registry: one repository per cache scope under {@code base}, so a namespace
 * imports only what its own builds (or, with a shared cache, any namespace's) exported, with the operator's
 * credentials for that registry.
 *
 * @param base        the repository the scopes' repositories are under
 * @param credentials for its registry
 */
public record OperatorRegistryCache(String base, Optional<RegistryCredentials> credentials) {

    public OperatorRegistryCache {
        new RegistryCache(List.of(base), Optional.empty());
    }

    /** Imports from and exports to the repository of a cache scope (a namespace, or the shared scope). */
    public RegistryCache forScope(String scope) {
        String repository = base + "/" + (TenantIsolation.SHARED_SCOPE.equals(scope) ? "shared" : scope);
        return new RegistryCache(List.of(repository), Optional.of(repository), credentials);
    }
}
