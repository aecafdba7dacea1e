package dev.playbake.image;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageReferenceTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @Test
    void splitsRegistryRepositoryTagAndDigest() {
        ImageReference ref = ImageReference.parse("127.0.0.1:5000/team/web:1.4@" + DIGEST);
        assertEquals("127.0.0.1:5000", ref.registry());
        assertEquals("127.0.0.1:5000/team/web", ref.repository());
        assertEquals("1.4", ref.tag());
        assertEquals(DIGEST, ref.digest());
    }

    @Test
    void aPortIsNotATagAndHubNamesHaveNoRegistry() {
        ImageReference ref = ImageReference.parse("localhost:5000/web");
        assertEquals("localhost:5000", ref.registry());
        assertEquals("latest", ref.tagOrLatest());
        ImageReference hub = ImageReference.parse("library/debian:bookworm");
        assertEquals("", hub.registry());
        assertEquals("bookworm", hub.tag());
        assertEquals("debian", ImageReference.parse("debian").repository());
    }

    @Test
    void aDigestReferenceHasNoImpliedTag() {
        ImageReference ref = ImageReference.parse("registry.example.com/web@" + DIGEST);
        assertEquals("", ref.tagOrLatest());
        assertEquals("registry.example.com/web@" + DIGEST, ref.toString());
    }

    @Test
    void rejectsMalformedReferences() {
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(""));
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("web app"));
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("web@sha256:short"));
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(":tag"));
    }
}
