package dev.playbake.imagebuild;

import dev.playbake.connection.ExecRequest;
import dev.playbake.docker.DockerHost;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builds pushed to the real registries: the digest pulled back by itself runs and has the playbook's file. */
class PushIT {

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

    private static TestBuild build(String registry) {
        TestBuild build = new TestBuild("- hosts: all\n  gather_facts: false\n  tasks:\n"
                + "    - name: mark\n      copy: {dest: /pushed.txt, content: \"pushed by playbake\\n\"}\n");
        build.tag = registry + "/playbake-test/pushed:" + UUID.randomUUID().toString().substring(0, 8);
        build.push = true;
        build.cache = BuildRequest.CacheMode.DISABLED;
        return build;
    }

    @ParameterizedTest
    @ValueSource(strings = {"registry", "registry.tls"})
    void pushesWithCredentialsAndTheDigestRuns(String which) {
        String registry = ENV.value(which);
        TestBuild build = build(registry);
        build.credentials = Map.of(registry, ENV.credentials(registry));
        BuildResult.Succeeded ok = assertInstanceOf(BuildResult.Succeeded.class, build.run(docker, new RecordingListener()));
        String digest = ok.digest().orElseThrow();
        String byDigest = build.tag.substring(0, build.tag.lastIndexOf(':')) + "@" + digest;
        docker.removeImage(build.tag);
        docker.removeImage(ok.imageId());
        docker.pull(byDigest, Optional.of(ENV.credentials(registry)));
        String id = docker.startContainer(byDigest, Map.of("playbake.dev/build", "verify", "playbake.dev/owner", TestBuild.OWNER));
        try {
            assertEquals("pushed by playbake\n", docker.connection(id).exec(ExecRequest.of("cat", "/pushed.txt")).stdout());
        } finally {
            docker.removeContainer(id);
            docker.removeImage(byDigest);
        }
    }

    @Test
    void aWrongPasswordFailsAtOnceWithAClearReason() {
        TestBuild build = build(ENV.registry());
        build.credentials = Map.of(ENV.registry(), new RegistryCredentials(ENV.registry(), "playbake", "wrong"));
        Instant start = Instant.now();
        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class, build.run(docker, new RecordingListener()));
        assertEquals(BuildFailure.Reason.PUSH_UNAUTHORIZED, failed.failure().reason());
        assertTrue(failed.failure().message().contains(ENV.registry()), failed.failure().message());
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 30, "no retries on wrong credentials");
        docker.removeImage(build.tag);
    }
}
