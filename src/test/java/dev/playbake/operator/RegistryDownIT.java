package dev.playbake.operator;

import dev.playbake.api.v1alpha1.Condition;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.api.v1alpha1.RetrySpec;
import dev.playbake.docker.DockerHost;
import dev.playbake.operator.reconcile.StatusComposer;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real build whose registry does not answer (a port on 127.0.0.1 where nothing listens): the push fails, the
 * operator retries it retry.limit times with backoff, then reports the failure once and for all; no container
 * is left behind.
 */
class RegistryDownIT {

    private static final String NAME = "registry-down";

    @Test
    void aPushToARegistryThatIsDownIsRetriedThenReportedAsPushFailed() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        String image = "127.0.0.1:" + closedPort() + "/playbake-it/down:1";
        try (ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client();
             DockerHost docker = DockerHost.connect(env.dockerHost())) {
            ImageBuildOperatorIT.installCrd(client);
            ImageBuild build = ImageBuilds.imageBuild(NAME, image);
            build.getSpec().baseImage = env.busyboxImage();
            build.getSpec().output.insecure = true;
            build.getSpec().retry = new RetrySpec();
            build.getSpec().retry.limit = 2;
            build.getSpec().retry.backoff = "1s";

            SortedSet<Integer> attemptsSeen = new TreeSet<>();
            SortedSet<String> retriesAnnounced = new TreeSet<>();
            try (RealOperator operator = RealOperator.start(client, 1)) {
                client.resources(ImageBuild.class).inNamespace("default").resource(build).create();
                await().atMost(3, TimeUnit.MINUTES).pollInterval(100, TimeUnit.MILLISECONDS).until(() -> {
                    Optional.ofNullable(get(client).getStatus()).map(s -> s.attempt).ifPresent(attemptsSeen::add);
                    ready(client).map(c -> c.message).filter(m -> m.contains("; retry "))
                            .ifPresent(m -> retriesAnnounced.add(m.substring(m.indexOf("; retry ") + 2)));
                    // Ready is False while Pending too; Failed is the end, after the last retry
                    return Optional.ofNullable(get(client).getStatus()).map(s -> s.phase).orElse(null) == Phase.FAILED;
                });
                ImageBuild failed = get(client);
                // no fourth attempt: wait longer than the next backoff (4 s) would be
                Thread.sleep(6_000);
                ImageBuild later = get(client);

                Condition ready = ready(client).orElseThrow();
                assertEquals("False", ready.status);
                assertEquals("PushFailed", ready.reason, Serialization.asYaml(failed.getStatus()));
                assertEquals(Set.of(1, 2, 3), attemptsSeen, "the first attempt and two retries");
                assertEquals(Set.of("retry 1 of 2 in 1s", "retry 2 of 2 in 2s"), retriesAnnounced, "backoff doubles");
                assertEquals(3, failed.getStatus().attempt);
                assertEquals(1L, failed.getStatus().buildCounter, "retries are attempts of one build");
                assertNull(failed.getStatus().nextRetryTime, "no retry is planned after the last");
                assertTrue(failed.getStatus().failure.message.contains("127.0.0.1"), failed.getStatus().failure.message);
                assertEquals(failed.getMetadata().getResourceVersion(), later.getMetadata().getResourceVersion(),
                        "nothing happens after the final failure");
                List<Event> events = client.v1().events().inNamespace("default").list().getItems().stream()
                        .filter(e -> NAME.equals(e.getInvolvedObject().getName())).toList();
                assertEquals(3, events.stream().filter(e -> "BuildStarted".equals(e.getReason())).count());
                assertEquals(3, events.stream().filter(e -> "PushFailed".equals(e.getReason())
                        && "Warning".equals(e.getType())).count());
                assertEquals(0, docker.containersLabelled("playbake.dev/operator=" + operator.instance.name()).size(),
                        "no build container left");
            }
        } finally {
            Commands.run(List.of("sh", "-c", "/usr/bin/docker images -q '" + image + "' | xargs -r /usr/bin/docker rmi -f"),
                    java.time.Duration.ofMinutes(1));
        }
    }

    /** A port on 127.0.0.1 that was free a moment ago: nothing listens there. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static ImageBuild get(KubernetesClient client) {
        return client.resources(ImageBuild.class).inNamespace("default").withName(NAME).get();
    }

    private static Optional<Condition> ready(KubernetesClient client) {
        return Optional.ofNullable(get(client).getStatus())
                .flatMap(s -> StatusComposer.find(s.conditions, StatusComposer.READY));
    }
}
