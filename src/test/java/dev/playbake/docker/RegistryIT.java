package dev.playbake.docker;

import dev.playbake.image.RegistryCredentials;
import dev.playbake.runtime.RegistryException;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Push and pull against the real registries dev-env started: htpasswd auth, plain and TLS. */
class RegistryIT {

    private static final TestEnvironment ENV = TestEnvironment.get();
    private static DockerHost docker;

    @BeforeAll
    static void connect() {
        docker = DockerHost.connect(ENV.dockerHost());
    }

    @AfterAll
    static void close() {
        docker.close();
    }

    @Test
    void pushesWithCredentialsAndPullsBackByDigest() {
        assertRoundTrip(ENV.registry());
    }

    @Test
    void pushesToTheTlsRegistryWithItsPrivateCa() {
        assertRoundTrip(ENV.tlsRegistry());
    }

    @Test
    void aWrongPasswordIsAClearUnauthorizedError() {
        String ref = ENV.registry() + "/smoke/denied:" + UUID.randomUUID();
        docker.tag(ENV.busyboxImage(), ref);
        try {
            RegistryCredentials wrong = new RegistryCredentials(ENV.registry(), "playbake", "not-the-password");
            RegistryException error = assertThrows(RegistryException.class, () -> docker.push(ref, Optional.of(wrong)));
            assertEquals(RegistryException.Kind.UNAUTHORIZED, error.kind(), error.getMessage());
            assertTrue(error.getMessage().contains(ENV.registry()), error.getMessage());
            assertFalse(error.getMessage().contains("not-the-password"), "the message leaks the password");
        } finally {
            docker.removeImage(ref);
        }
    }

    @Test
    void theDigestOfATagIsTheOnePushedAndFailuresAreClassifiedAsPullFailuresAre() {
        String ref = ENV.registry() + "/smoke/digest:" + UUID.randomUUID();
        RegistryCredentials credentials = ENV.credentials(ENV.registry());
        docker.tag(ENV.busyboxImage(), ref);
        String pushed;
        try {
            pushed = docker.push(ref, Optional.of(credentials));
        } finally {
            docker.removeImage(ref);
        }

        assertEquals(pushed, docker.registryDigest(ref, Optional.of(credentials)), "asked without pulling it");
        assertFalse(docker.imageId(ref).isPresent(), "nothing was pulled");
        RegistryCredentials wrong = new RegistryCredentials(ENV.registry(), "playbake", "not-the-password");
        RegistryException refused = assertThrows(RegistryException.class,
                () -> docker.registryDigest(ref, Optional.of(wrong)));
        assertEquals(RegistryException.Kind.UNAUTHORIZED, refused.kind(), refused.getMessage());
        assertFalse(refused.getMessage().contains("not-the-password"), "the message leaks the password");
        assertEquals(RegistryException.Kind.UNAUTHORIZED, assertThrows(RegistryException.class,
                () -> docker.registryDigest(ref, Optional.empty())).kind(), "no credentials, none of the daemon's");
        assertEquals(RegistryException.Kind.NOT_FOUND, assertThrows(RegistryException.class,
                () -> docker.registryDigest(ENV.registry() + "/smoke/digest:no-such-tag", Optional.of(credentials)))
                .kind());
        // a closed port on loopback stands for a registry that is down
        RegistryException down = assertThrows(RegistryException.class,
                () -> docker.registryDigest("127.0.0.1:9/smoke/digest:v1", Optional.empty()));
        assertEquals(RegistryException.Kind.TRANSIENT, down.kind(), down.getMessage());
        assertTrue(down.getMessage().startsWith("digest lookup of 127.0.0.1:9/smoke/digest:v1: "), down.getMessage());
    }

    private void assertRoundTrip(String registry) {
        String repository = registry + "/smoke/busybox";
        String ref = repository + ":" + UUID.randomUUID();
        String imageId = docker.imageId(ENV.busyboxImage()).orElseThrow();
        docker.tag(ENV.busyboxImage(), ref);
        String digest;
        try {
            digest = docker.push(ref, Optional.of(ENV.credentials(registry)));
        } finally {
            docker.removeImage(ref);
        }
        assertTrue(digest.matches("sha256:[0-9a-f]{64}"), digest);

        String byDigest = repository + "@" + digest;
        docker.pull(byDigest, Optional.of(ENV.credentials(registry)));
        try {
            assertEquals(Optional.of(imageId), docker.imageId(byDigest));
        } finally {
            docker.removeImage(byDigest);
        }
    }
}
