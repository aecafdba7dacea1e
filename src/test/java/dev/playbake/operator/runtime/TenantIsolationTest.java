package dev.playbake.operator.runtime;

import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.imagebuild.PlaybookSource;
import dev.playbake.imagebuild.TenancyPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The operator's configuration as a tenancy policy and cache scopes. */
class TenantIsolationTest {

    private static final BuildRequest REQUEST = BuildRequest.builder("b-1", "team-a/web",
            new PlaybookSource("playbook.yml", "- hosts: all", Map.of()), "base:1").build();

    @Test
    void byDefaultEveryBaseImageIsPulledAndDebugImagesOfSecretBuildsAreNotKept() {
        TenantIsolation isolation = TenantIsolation.of(false, false, Duration.ofHours(24));

        assertEquals(new TenancyPolicy(TenancyPolicy.BaseImages.PULL, TenancyPolicy.DebugImages.WITHOUT_SECRETS, true,
                true), isolation.policy(), "superseded finished images are removed");
    }

    @Test
    void localImagesWhenAllowedAndNoDebugImagesAtAZeroRetention() {
        TenantIsolation isolation = TenantIsolation.of(true, false, Duration.ZERO);

        assertEquals(new TenancyPolicy(TenancyPolicy.BaseImages.PULL_OR_LOCAL_ONLY, TenancyPolicy.DebugImages.NEVER, true, true),
                isolation.policy());
    }

    @Test
    void eachNamespaceIsACacheScopeOfItsOwnUnlessTheCacheIsShared() {
        assertEquals("team-a", TenantIsolation.of(false, false, Duration.ZERO).scoped(REQUEST).cacheScope());
        assertEquals("*", TenantIsolation.of(false, true, Duration.ZERO).scoped(REQUEST).cacheScope());
        assertEquals("", REQUEST.cacheScope(), "the CLI's requests keep the empty scope");
    }
}
