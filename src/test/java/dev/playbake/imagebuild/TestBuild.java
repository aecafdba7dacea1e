package dev.playbake.imagebuild;

import dev.playbake.docker.DockerHost;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.runtime.ContainerLimits;
import dev.playbake.testing.TestEnvironment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A build request under construction for tests, and the builder that runs it on the real Docker host. */
final class TestBuild {

    static final byte[] KEY = "test-cache-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    /** Unique per test class run: the Docker host is shared with other test runs, which must not count. */
    static final String OWNER = "test-" + UUID.randomUUID().toString().substring(0, 8);

    String playbook;
    final Map<String, byte[]> files = new LinkedHashMap<>();
    String base = TestEnvironment.get().debianImage();
    String tag = "playbake-test/out-" + UUID.randomUUID().toString().substring(0, 8) + ":latest";
    Map<String, Object> vars = new LinkedHashMap<>();
    Map<String, String> secrets = new LinkedHashMap<>();
    BuildRequest.CacheMode cache = BuildRequest.CacheMode.ENABLED;
    BuildRequest.SnapshotPolicy snapshots = BuildRequest.SnapshotPolicy.EVERY_CHANGE;
    ImageConfig config = ImageConfig.inherit();
    boolean push;
    Map<String, RegistryCredentials> credentials = Map.of();
    Duration timeout = Duration.ZERO;
    Optional<Path> artifacts = Optional.empty();
    ContainerLimits limits = ContainerLimits.NONE;

    TestBuild(String playbook) {
        this.playbook = playbook;
        // keys are content-addressed: a var of its own keeps tests from sharing snapshots
        vars.put("test_build", UUID.randomUUID().toString());
    }

    TestBuild file(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    BuildRequest request() {
        return BuildRequest.builder(UUID.randomUUID().toString(), OWNER,
                        new PlaybookSource("playbook.yml", playbook, files), base)
                .tags(List.of(tag))
                .push(push)
                .extraVars(vars)
                .secretVars(secrets)
                .config(config)
                .cache(cache)
                .snapshots(snapshots)
                .credentials(credentials)
                .timeout(timeout)
                .artifacts(artifacts)
                .limits(limits)
                .build();
    }

    /** Runs the build; the listener records what happened. */
    BuildResult run(DockerHost docker, RecordingListener listener) {
        return run(new ImageBuilder(docker, KEY, Map.of()), listener);
    }

    BuildResult run(ImageBuilder builder, RecordingListener listener) {
        return builder.build(request(), listener, new CancellationSignal());
    }
}
