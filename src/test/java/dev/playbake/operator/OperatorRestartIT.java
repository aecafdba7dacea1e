package dev.playbake.operator;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.playbake.api.BuildContainerPolicy;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.operator.cluster.ClusterInputs;
import dev.playbake.operator.cluster.KubernetesBuildEvents;
import dev.playbake.operator.reconcile.BuildHost;
import dev.playbake.operator.reconcile.BaseImagePolling;
import dev.playbake.operator.reconcile.BuildMetrics;
import dev.playbake.operator.reconcile.BuildScheduler;
import dev.playbake.operator.reconcile.ContainerCleaner;
import dev.playbake.operator.reconcile.ImageBuildReconciler;
import dev.playbake.operator.reconcile.StatusComposer;
import dev.playbake.operator.reconcile.TrackedBuild;
import dev.playbake.operator.runtime.Operators;
import dev.playbake.testing.ApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An operator stopped mid-build: the next one removes the build's containers and builds it once more. */
class OperatorRestartIT {

    private final ScriptedBuilder builder = new ScriptedBuilder();
    private final List<String> removedContainersOf = new CopyOnWriteArrayList<>();

    @Test
    void aBuildInterruptedByARestartIsCleanedUpAndCompletedByTheNextOperator() throws Exception {
        try (ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client()) {
            ImageBuildOperatorIT.installCrd(client);
            Running first = start(client);
            ImageBuild web = ImageBuilds.imageBuild("restarted", "127.0.0.1:5000/restarted:1");
            web.getSpec().vars.put("fake_duration_ms", IntNode.valueOf(3_000));
            client.resources(ImageBuild.class).inNamespace("default").resource(web).create();
            await().atMost(15, TimeUnit.SECONDS).until(() -> phase(client) == Phase.BUILDING);
            String interrupted = builder.requestsOf("default/restarted").get(0).buildId();

            first.stop();
            Running second = start(client);
            try {
                await().atMost(30, TimeUnit.SECONDS).until(() -> "True".equals(ready(client)));
            } finally {
                second.stop();
            }

            ImageBuild done = client.resources(ImageBuild.class).inNamespace("default").withName("restarted").get();
            assertEquals(Optional.of(TrackedBuild.CANCELED_SHUTDOWN), builder.signal(interrupted).reason());
            assertEquals(2, builder.requestsOf("default/restarted").size(), "built once more, not twice more");
            assertEquals(List.of("default/restarted"), removedContainersOf);
            assertEquals(1L, done.getStatus().buildCounter);
            assertEquals(builder.requestsOf("default/restarted").get(1).buildId(), done.getStatus().buildId);
        }
    }

    private Running start(KubernetesClient client) {
        BuildScheduler scheduler = new BuildScheduler(List.of(new BuildHost("docker-1", 2, builder)), Clock.systemUTC());
        ContainerCleaner cleaner = new ContainerCleaner() {
            @Override
            public int removeContainersOf(String owner) {
                removedContainersOf.add(owner);
                return 1;
            }

            @Override
            public int removeLeftovers(Predicate<String> running) {
                return 0;
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ImageBuildReconciler reconciler = new ImageBuildReconciler(new ClusterInputs(client,
                Optional.of(RealOperator.defaultPushSecret(client))), scheduler, cleaner,
                new KubernetesBuildEvents(client), new BuildMetrics(meters, scheduler), Clock.systemUTC(),
                BuildContainerPolicy.UNLIMITED, new BaseImagePolling(BaseImagePolling.DEFAULT_MINIMUM),
                RealOperator.localWatch());
        Operator operator = Operators.create(client, reconciler, Set.of(), meters);
        operator.start();
        return new Running(operator, scheduler);
    }

    private static Phase phase(KubernetesClient client) {
        return Optional.ofNullable(client.resources(ImageBuild.class).inNamespace("default").withName("restarted").get())
                .map(ImageBuild::getStatus).map(s -> s.phase).orElse(null);
    }

    private static String ready(KubernetesClient client) {
        return Optional.ofNullable(client.resources(ImageBuild.class).inNamespace("default").withName("restarted").get())
                .map(ImageBuild::getStatus).flatMap(s -> StatusComposer.find(s.conditions, StatusComposer.READY))
                .map(c -> c.status).orElse("");
    }

    /** One operator instance and its build pool. */
    private record Running(Operator operator, BuildScheduler scheduler) {
        void stop() {
            operator.stop();
            scheduler.close();
        }
    }
}
