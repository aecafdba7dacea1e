package dev.playbake.operator.reconcile;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BaseImageUpdateTest {

    private static final String BASE = "127.0.0.1:5000/base:v1";
    private static final String OLD = "sha256:" + "01".repeat(32);
    private static final String NEW = "sha256:" + "02".repeat(32);
    private static final BaseImageUpdate.LastBase PULLED_OLD = new BaseImageUpdate.LastBase.Pulled(OLD);

    @Test
    void aDigestOtherThanTheOneTheLastBuildPulledIsAnUpdate() {
        assertEquals(Optional.of(new BaseImageUpdate(BASE, Optional.of(OLD), NEW)),
                BaseImageUpdate.of(BASE, PULLED_OLD, digest(BASE, NEW)));
    }

    @Test
    void theSameDigestAFailureOrNoCheckIsNone() {
        assertEquals(Optional.empty(), BaseImageUpdate.of(BASE, PULLED_OLD, digest(BASE, OLD)));
        assertEquals(Optional.empty(), BaseImageUpdate.of(BASE, PULLED_OLD,
                Optional.of(new BaseImageCheck.Failed(BASE, "connection refused"))));
        assertEquals(Optional.empty(), BaseImageUpdate.of(BASE, PULLED_OLD, Optional.empty()));
    }

    @Test
    void aCheckOfAnotherReferenceIsNoneTheSpecChangedSinceItRan() {
        assertEquals(Optional.empty(), BaseImageUpdate.of(BASE, PULLED_OLD, digest("127.0.0.1:5000/base:v2", NEW)));
    }

    @Test
    void aBuildThatNeverPulledIsNotBuiltAgainButOneAnOlderOperatorRanIs() {
        assertEquals(Optional.empty(), BaseImageUpdate.of(BASE, new BaseImageUpdate.LastBase.NotPulled(),
                digest(BASE, NEW)), "a local-only base or a failed pull would otherwise build every interval");
        assertEquals(Optional.of(new BaseImageUpdate(BASE, Optional.empty(), NEW)),
                BaseImageUpdate.of(BASE, new BaseImageUpdate.LastBase.Unrecorded(), digest(BASE, NEW)));
    }

    @Test
    void theMessageSaysFromWhatToWhat() {
        assertEquals("base image " + BASE + " now names " + NEW + ", the last build started from " + OLD
                + "; building again", new BaseImageUpdate(BASE, Optional.of(OLD), NEW).message());
    }

    private static Optional<BaseImageCheck> digest(String reference, String digest) {
        return Optional.of(new BaseImageCheck.Digest(reference, digest));
    }
}
