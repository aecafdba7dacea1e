package dev.playbake.imagebuild;

import dev.playbake.image.ImageReference;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.runtime.FakeContainerRuntime;
import dev.playbake.runtime.ImageInfo;
import dev.playbake.runtime.ImageSettings;
import dev.playbake.runtime.RegistryException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How each tenancy policy finds a base image: what a build may read from the host, and when it must pull. */
class BaseImagesTest {

    private static final ImageSettings PLAIN = settings(Map.of());
    private static final String PRIVATE = "registry.test/team-a/private:1";
    private static final RegistryCredentials A = new RegistryCredentials("registry.test", "a", "pw-a");
    private static final RegistryCredentials B = new RegistryCredentials("registry.test", "b", "pw-b");

    private final FakeContainerRuntime runtime = new FakeContainerRuntime();

    @Test
    void theCliUsesWhatTheHostHasWithoutAPull() {
        runtime.served(PRIVATE, PLAIN, "a");
        String id = new BaseImages(runtime, TenancyPolicy.BaseImages.LOCAL_FIRST, Optional.of(A)).resolve(PRIVATE).image().id();

        ImageInfo again = new BaseImages(runtime, TenancyPolicy.BaseImages.LOCAL_FIRST, Optional.empty()).resolve(PRIVATE)
                .image();

        assertEquals(id, again.id());
        assertEquals(1, pulls());
    }

    @Test
    void aTenantCannotUseAnImageOnTheHostItsCredentialsCannotPull() {
        runtime.served(PRIVATE, PLAIN, "a");
        new BaseImages(runtime, TenancyPolicy.BaseImages.PULL, Optional.of(A)).resolve(PRIVATE);

        RegistryException refused = assertThrows(RegistryException.class, () ->
                new BaseImages(runtime, TenancyPolicy.BaseImages.PULL_OR_LOCAL_ONLY, Optional.of(B)).resolve(PRIVATE));

        assertEquals(RegistryException.Kind.UNAUTHORIZED, refused.kind());
        assertTrue(refused.getMessage().startsWith("base image " + PRIVATE + " could not be pulled with this build's "
                + "own registry credentials"), refused.getMessage());
    }

    @Test
    void everyTenantBuildPullsAndIsPinnedToTheDigestTheRegistryServed() {
        runtime.served(PRIVATE, PLAIN, "a");

        new BaseImages(runtime, TenancyPolicy.BaseImages.PULL, Optional.of(A)).resolve(PRIVATE);
        BaseImages.Found second = new BaseImages(runtime, TenancyPolicy.BaseImages.PULL, Optional.of(A)).resolve(PRIVATE);

        assertEquals(2, pulls());
        assertEquals(List.of("pull " + PRIVATE, "pull " + PRIVATE), runtime.calls());
        assertTrue(second.image().digests().get(0).startsWith("registry.test/team-a/private@sha256:"),
                second.image().digests().toString());
        assertEquals(second.image().digests().get(0), "registry.test/team-a/private@" + second.digest().orElseThrow(),
                "the digest a build records is the one it was pinned to");
    }

    @Test
    void aLocalOnlyImageIsUsedWithoutAPullOnlyWhenThePolicyAllowsIt() {
        runtime.image("tools/debian:12", PLAIN);

        BaseImages.Found local = new BaseImages(runtime, TenancyPolicy.BaseImages.PULL_OR_LOCAL_ONLY, Optional.empty())
                .resolve("tools/debian:12");
        assertEquals(0, pulls());
        assertEquals(Optional.empty(), local.digest(), "an image no registry served has no digest to watch");
        assertThrows(RegistryException.class, () ->
                new BaseImages(runtime, TenancyPolicy.BaseImages.PULL, Optional.empty()).resolve("tools/debian:12"));
        assertEquals(1, pulls());
    }

    @Test
    void aLocalImageStaysLocalOnlyWhenACopyIsPushedUnderAnotherNameButNotUnderItsOwn() {
        ImageInfo pushedElsewhere = new ImageInfo("sha256:1", List.of("tools/debian:12", "registry.test/x/debian:12"),
                PLAIN, 1, Instant.EPOCH, List.of("registry.test/x/debian@sha256:2"));
        ImageInfo pulled = new ImageInfo("sha256:1", List.of("tools/debian:12"), PLAIN, 1, Instant.EPOCH,
                List.of("tools/debian@sha256:2"));

        assertTrue(BaseImages.localOnly(pushedElsewhere, ImageReference.parse("tools/debian:12")));
        assertFalse(BaseImages.localOnly(pushedElsewhere, ImageReference.parse("registry.test/x/debian:12")));
        assertFalse(BaseImages.localOnly(pulled, ImageReference.parse("tools/debian:12")));
    }

    @Test
    void anImagePlaybakeMadeIsNeverLocalOnly() {
        runtime.image("registry.test/team-a/app:1-failed", settings(Map.of("playbake.dev/build", "b-1")));

        assertThrows(RegistryException.class, () -> new BaseImages(runtime,
                TenancyPolicy.BaseImages.PULL_OR_LOCAL_ONLY, Optional.of(B)).resolve("registry.test/team-a/app:1-failed"));
        assertEquals(1, pulls());
    }

    @Test
    void aLocalOnlyImageMustBeNamedByItsTagNotFoundByAnotherName() {
        runtime.image("tools/debian:12", PLAIN);
        String id = runtime.inspectImage("tools/debian:12").orElseThrow().id();

        assertThrows(RegistryException.class, () -> new BaseImages(runtime,
                TenancyPolicy.BaseImages.PULL_OR_LOCAL_ONLY, Optional.empty()).resolve(id.substring("sha256:".length())));
    }

    @Test
    void snapshotAndSquashNamesAreRefusedWithoutAskingARegistry() {
        runtime.image("playbake-cache/app:0123456789ab", PLAIN);

        for (String name : List.of("playbake-cache/app:0123456789ab", "playbake-squash/b-1:latest")) {
            RegistryException refused = assertThrows(RegistryException.class, () -> new BaseImages(runtime,
                    TenancyPolicy.BaseImages.PULL_OR_LOCAL_ONLY, Optional.empty()).resolve(name));
            assertEquals(RegistryException.Kind.NOT_FOUND, refused.kind());
        }
        assertEquals(0, pulls());
    }

    private long pulls() {
        return runtime.calls().stream().filter(c -> c.startsWith("pull ")).count();
    }

    private static ImageSettings settings(Map<String, String> labels) {
        return new ImageSettings(List.of(), List.of("/bin/sh"), List.of(), "", "", List.of(), List.of(), labels);
    }
}
