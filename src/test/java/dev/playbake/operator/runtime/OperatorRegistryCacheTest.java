package dev.playbake.operator.runtime;

import dev.playbake.image.RegistryCredentials;
import dev.playbake.imagebuild.RegistryCache;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which repository a cache scope reads and writes, and which repositories are refused. */
class OperatorRegistryCacheTest {

    private static final Optional<RegistryCredentials> CREDENTIALS =
            Optional.of(new RegistryCredentials("registry.example:5000", "cache", "s3cret"));

    @Test
    void eachNamespaceHasARepositoryOfItsOwnAndASharedCacheOneForAll() {
        OperatorRegistryCache cache = new OperatorRegistryCache("registry.example:5000/playbake-cache", CREDENTIALS);

        RegistryCache teamA = cache.forScope("team-a");
        assertEquals(List.of("registry.example:5000/playbake-cache/team-a"), teamA.from());
        assertEquals(Optional.of("registry.example:5000/playbake-cache/team-a"), teamA.to());
        assertEquals(CREDENTIALS, teamA.credentials());
        assertEquals(Optional.of("registry.example:5000/playbake-cache/shared"),
                cache.forScope(TenantIsolation.SHARED_SCOPE).to());
    }

    @Test
    void aRepositoryWithATagOrNotAReferenceIsRefused() {
        IllegalArgumentException tagged = assertThrows(IllegalArgumentException.class,
                () -> new OperatorRegistryCache("registry.example:5000/cache:latest", CREDENTIALS));
        assertTrue(tagged.getMessage().contains("must not have a tag or digest"), tagged.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RegistryCache(List.of("Not A Repo"), Optional.empty()));
        assertEquals("registry.example:5000/cache:0123", RegistryCache.reference("registry.example:5000/cache", "0123"));
    }
}
