package dev.playbake.operator.runtime;

import dev.playbake.docker.DockerHost;
import dev.playbake.runtime.ContainerSpec;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cleanup on the real, shared Docker engine: only this operator instance's ImageBuild containers are ever
 * removed, and a Docker host that does not answer holds cleanup no longer than its timeout.
 */
class DockerContainerCleanerIT {

    private final DockerHost docker = DockerHost.connect(TestEnvironment.get().dockerHost());
    private final OperatorInstance instance = new OperatorInstance("it-cleaner-" + UUID.randomUUID().toString().substring(0, 8));
    private final OperatorInstance otherOperator = new OperatorInstance(instance.name() + "-other");
    private final String testLabel = "it-cleaner-" + UUID.randomUUID();
    private final List<String> created = new ArrayList<>();

    @AfterEach
    void removeLeftovers() {
        created.forEach(docker::removeContainer);
        docker.close();
    }

    @Test
    void removesTheOwnersContainersAndLeavesOthersAlone() {
        String mine = start(instance, "it-cleaner/web");
        String other = start(instance, "it-cleaner/other");
        String otherOperators = start(otherOperator, "it-cleaner/web");

        assertEquals(1, cleaner().removeContainersOf("it-cleaner/web"));

        assertEquals(List.of(other, otherOperators), remaining());
        assertFalse(remaining().contains(mine));
    }

    @Test
    void theSweepRemovesOnlyThisOperatorsContainersOfImageBuildsItIsNotRunningNow() {
        String leftOver = start(instance, "team-a/web");
        String building = start(instance, "team-a/busy");
        String cli = start(instance, "cli");
        String notAnImageBuild = start(instance, "some-tool");
        String otherOperators = start(otherOperator, "team-a/web");
        String unlabelled = start(null, "team-a/web");
        String lostEarlier = start(instance, "team-a/busy");

        int removed = cleaner().removeLeftovers(Set.of("b-1")::contains);

        assertEquals(2, removed, "the leftover, and the busy ImageBuild's container of an earlier build");
        assertEquals(List.of(building, cli, notAnImageBuild, otherOperators, unlabelled), remaining());
        assertFalse(remaining().contains(leftOver));
        assertFalse(remaining().contains(lostEarlier));
    }

    @Test
    void aDockerHostThatIsGoneOrSilentDoesNotHoldCleanupLongerThanItsTimeout() throws IOException {
        // a listener that is never accepted: the kernel completes the handshake, nothing ever answers
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            DockerContainerCleaner cleaner = new DockerContainerCleaner(Map.of(
                    "silent", "tcp://127.0.0.1:" + silent.getLocalPort(),
                    "refusing", "tcp://127.0.0.1:" + closedPort(),
                    "missing-socket", "unix:///nonexistent/docker.sock"), instance, Duration.ofSeconds(2));

            long start = System.nanoTime();
            int removed = cleaner.removeContainersOf("it-cleaner/web") + cleaner.removeLeftovers(build -> false);
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertEquals(0, removed);
            assertTrue(tookMs < 15_000, "took " + tookMs + " ms");
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private DockerContainerCleaner cleaner() {
        return new DockerContainerCleaner(Map.of("local", TestEnvironment.get().dockerHost()), instance,
                Duration.ofSeconds(20));
    }

    /** A build container as the operator's builder labels it; {@code operator} null for one without the label. */
    private String start(OperatorInstance operator, String owner) {
        Map<String, String> labels = new HashMap<>(Map.of("playbake.dev/build", "b-" + created.size(),
                "playbake.dev/owner", owner, "playbake.dev/test", testLabel));
        if (operator != null) {
            labels.putAll(operator.containerLabels());
        }
        String id = docker.startContainer(new ContainerSpec(TestEnvironment.get().busyboxImage(), labels));
        created.add(id);
        return id;
    }

    private List<String> remaining() {
        return created.stream().filter(id -> docker.containersLabelled("playbake.dev/test=" + testLabel).stream()
                .anyMatch(c -> c.id().equals(id))).toList();
    }
}
