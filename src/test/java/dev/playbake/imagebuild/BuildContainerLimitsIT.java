package dev.playbake.imagebuild;

import dev.playbake.docker.DockerHost;
import dev.playbake.runtime.ContainerLimits;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A build's container limits on the real Docker engine: a fork bomb stops at the pids limit and fails its task,
 * memory and CPU limits are the container's cgroup, and network None leaves it only loopback.
 */
class BuildContainerLimitsIT {

    private static DockerHost docker;
    private final List<String> images = new ArrayList<>();

    @BeforeAll
    static void connect() {
        docker = DockerHost.connect(TestEnvironment.get().dockerHost());
    }

    @AfterAll
    static void close() {
        docker.close();
    }

    @AfterEach
    void removeImages() {
        java.util.Collections.reverse(images);
        images.forEach(docker::removeImage);
        assertTrue(docker.containersLabelled("playbake.dev/owner=" + TestBuild.OWNER).isEmpty(), "a build left its container");
    }

    @Test
    void aForkBombStopsAtThePidsLimitAndFailsItsTask() {
        TestBuild build = new TestBuild(playbook("""
                    - name: fork many
                      shell: "for i in $(seq 1 300); do sleep 20 & done; wait"
                """));
        build.limits = new ContainerLimits(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(64),
                ContainerLimits.Network.BRIDGE);

        BuildResult.Failed failed = assertInstanceOf(BuildResult.Failed.class, run(build));

        assertEquals(BuildFailure.Reason.PLAYBOOK_FAILED, failed.failure().reason(), failed.failure()::toString);
        assertEquals("fork many", failed.failure().task().orElseThrow());
        assertTrue(failed.failure().message().contains("fork"), failed.failure().message());
    }

    @Test
    void memoryCpuAndPidsLimitsAreTheContainersCgroup() throws Exception {
        TestBuild build = new TestBuild(playbook("""
                    - name: read the cgroup
                      shell: >-
                        { cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes;
                        cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max;
                        cat /sys/fs/cgroup/cpu.max 2>/dev/null
                        || echo $(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us); }
                        > /limits.txt
                """));
        build.limits = new ContainerLimits(OptionalLong.of(256L << 20), OptionalLong.of(500_000_000L),
                OptionalLong.of(128), ContainerLimits.Network.BRIDGE);

        BuildResult.Succeeded succeeded = assertInstanceOf(BuildResult.Succeeded.class, run(build));

        assertEquals(List.of("268435456", "128", "50000 100000"), cat(succeeded.tags().get(0), "/limits.txt").lines().toList());
    }

    @Test
    void networkNoneLeavesOnlyLoopback() throws Exception {
        TestBuild build = new TestBuild(playbook("""
                    - name: list the interfaces
                      shell: ls /sys/class/net > /interfaces.txt
                """));
        build.limits = new ContainerLimits(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                ContainerLimits.Network.NONE);

        BuildResult.Succeeded succeeded = assertInstanceOf(BuildResult.Succeeded.class, run(build));

        assertEquals("lo", cat(succeeded.tags().get(0), "/interfaces.txt").strip());
    }

    private BuildResult run(TestBuild build) {
        build.cache = BuildRequest.CacheMode.DISABLED;
        RecordingListener listener = new RecordingListener();
        BuildResult result = build.run(docker, listener);
        images.addAll(listener.snapshots);
        images.add(build.tag);
        if (result instanceof BuildResult.Failed failed) {
            failed.failure().debugImage().ifPresent(images::add);
        }
        return result;
    }

    private static String playbook(String tasks) {
        return "- hosts: all\n  gather_facts: false\n  tasks:\n" + tasks;
    }

    private static String cat(String image, String path) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/usr/bin/docker", "run", "--rm", "--network", "none", image, "cat", path)
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }
}
