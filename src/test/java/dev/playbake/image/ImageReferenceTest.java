package dev.playbake.image;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void readsReferencesAsDockerDoes() {
        assertEquals("[::1]:5000", ImageReference.parse("[::1]:5000/team/web:1").registry());
        assertEquals("Registry.Example.com", ImageReference.parse("Registry.Example.com/app").registry());
        assertEquals("web__x-y.z", ImageReference.parse("web__x-y.z:v1.0_rc-2").repository());
        assertEquals("sha256", ImageReference.parse("sha256:" + "b".repeat(64)).repository(), "an image ID reads as name:tag");
        assertEquals("a".repeat(255), ImageReference.parse("a".repeat(255)).repository());
    }

    @Test
    void saysWhatIsWrongWithAReference() {
        assertEquals("'hello:1:2' is not an image reference: it has more than one tag: a reference is name[:tag], and"
                + " a ':' before the last one belongs to a registry port (host:port/name)", message("hello:1:2"));
        assertEquals("'Hello World:1' is not an image reference: it contains a space", message("Hello World:1"));
        assertEquals("'Hello:1' is not an image reference: the repository name must be lower case ('Hello')",
                message("Hello:1"));
        assertEquals("'team/Web' is not an image reference: the repository name must be lower case ('Web')",
                message("team/Web"));
        assertEquals("'web:-x' is not an image reference: '-x' is not a tag (letters, digits, _ . and -, not first, at"
                + " most 128 characters)", message("web:-x"));
        assertEquals("'web_-x' is not an image reference: 'web_-x' is not a repository name component (lower-case"
                + " letters and digits, joined by . _ __ or -)", message("web_-x"));
        assertEquals("'bad_host.io/web' is not an image reference: 'bad_host.io' is not a registry host[:port]",
                message("bad_host.io/web"));
        assertEquals("'web:" + "t".repeat(129).substring(0, 73) + "...' is not an image reference: '" + "t".repeat(129)
                + "' is not a tag (letters, digits, _ . and -, not first, at most 128 characters)",
                message("web:" + "t".repeat(129)));
        assertEquals("'https://registry.io/web' is not an image reference: 'https:' is not a registry host[:port]",
                message("https://registry.io/web"));
        assertTrue(message("a".repeat(256)).endsWith("the name has 256 characters; Docker takes at most 255"));
    }

    private static String message(String reference) {
        return assertThrows(IllegalArgumentException.class, () -> ImageReference.parse(reference)).getMessage();
    }
}
