package dev.playbake.docker;

import dev.playbake.connection.ExecRequest;
import dev.playbake.runtime.ContainerSpec;
import dev.playbake.runtime.HostUnavailableException;
import dev.playbake.testing.FreezableDockerProxy;
import dev.playbake.testing.SilentDockerHost;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Docker host that accepts connections and stops answering never holds a caller for longer than it is told. */
class DockerHostTimeoutIT {

    private static final TestEnvironment ENV = TestEnvironment.get();

    @Test
    void aHostThatNeverAnswersFailsTheConnectWithinTheResponseTimeout() {
        try (SilentDockerHost silent = SilentDockerHost.start()) {
            long start = System.nanoTime();
            HostUnavailableException e = assertThrows(HostUnavailableException.class,
                    () -> DockerHost.connect(silent.uri(), Duration.ofSeconds(1)));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs < 10_000, "took " + tookMs + " ms");
            assertTrue(e.getMessage().contains("stopped answering: no answer to ping within 1.0s"), e.getMessage());
            assertEquals(1, silent.connections());
        }
    }

    @Test
    void aHostThatFreezesMidExecFailsTheControlCallsAndAbortEndsTheExec() throws Exception {
        try (FreezableDockerProxy proxy = FreezableDockerProxy.start(ENV.dockerHost());
             DockerHost direct = DockerHost.connect(ENV.dockerHost());
             DockerHost docker = DockerHost.connect(proxy.uri(), Duration.ofSeconds(5))) {
            String owner = "timeout-" + UUID.randomUUID().toString().substring(0, 8);
            String id = docker.startContainer(new ContainerSpec(ENV.busyboxImage(),
                    Map.of("playbake.dev/build", owner, "playbake.dev/owner", "test")));
            try {
                DockerExecConnection connection = docker.connection(id);
                assertEquals("up\n", connection.exec(ExecRequest.shell("echo up")).stdout());
                CompletableFuture<Object> exec = CompletableFuture.supplyAsync(
                        () -> connection.exec(ExecRequest.shell("sleep 600")));
                Thread.sleep(1_000);
                proxy.freeze();

                Thread.sleep(2_000);
                assertTrue(!exec.isDone(), "a quiet exec is not a silent host");
                docker.abort("the build was canceled");
                ExecutionException ended = assertThrows(ExecutionException.class, () -> exec.get(10, TimeUnit.SECONDS));
                assertEquals("the build was canceled", ended.getCause().getMessage());

                HostUnavailableException inspect = assertThrows(HostUnavailableException.class,
                        () -> docker.inspectImage(ENV.busyboxImage()));
                assertTrue(inspect.getMessage().contains("no answer to inspect image within 5.0s"), inspect.getMessage());
                assertEquals(inspect.getMessage(), docker.stoppedAnswering().orElseThrow());
            } finally {
                direct.removeContainer(id);
            }
        }
    }
}
