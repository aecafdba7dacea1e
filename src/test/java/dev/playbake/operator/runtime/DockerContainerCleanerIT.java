package dev.playbake.operator.runtime;

import dev.playbake.docker.ContainerSpec;
import dev.playbake.docker.DockerHost;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cleanup on the real Docker engine, and its bounded wait when a Docker host does not answer. (The start-up
 * sweep, removeOperatorContainers, is not run here: on the shared daemon it would remove other tests' builds.)
 */
class DockerContainerCleanerIT {

    private final DockerHost docker = DockerHost.connect(TestEnvironment.get().dockerHost());
    private final List<String> created = new ArrayList<>();

    @AfterEach
    void removeLeftovers() {
        created.forEach(docker::removeContainer);
        docker.close();
    }

    @Test
    void removesTheOwnersContainersAndLeavesOthersAlone() {
        String mine = start("it-cleaner/web", "b-1");
        String other = start("it-cleaner/other", "b-2");
        String cli = start("cli", "b-3");
        DockerContainerCleaner cleaner = new DockerContainerCleaner(
                Map.of("local", TestEnvironment.get().dockerHost()), Duration.ofSeconds(20));

        assertEquals(1, cleaner.removeContainersOf("it-cleaner/web"));

        assertEquals(List.of(other, cli), remaining());
        assertTrue(created.contains(mine));
    }

    @Test
    void aDockerHostThatIsGoneDoesNotHoldCleanupLongerThanItsTimeout() {
        DockerContainerCleaner cleaner = new DockerContainerCleaner(
                Map.of("gone", "tcp://10.255.255.1:2375", "missing-socket", "unix:///nonexistent/docker.sock"),
                Duration.ofSeconds(2));

        long start = System.nanoTime();
        int removed = cleaner.removeContainersOf("it-cleaner/web");
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(0, removed);
        assertTrue(tookMs < 6_000, "took " + tookMs + " ms");
    }

    private String start(String owner, String buildId) {
        String id = docker.startContainer(new ContainerSpec(TestEnvironment.get().busyboxImage(),
                Map.of("playbake.dev/build", buildId, "playbake.dev/owner", owner, "playbake.dev/test", "cleaner-it")));
        created.add(id);
        return id;
    }

    private List<String> remaining() {
        return created.stream().filter(id -> docker.containersLabelled("playbake.dev/test=cleaner-it").stream()
                .anyMatch(c -> c.getId().equals(id))).toList();
    }
}
