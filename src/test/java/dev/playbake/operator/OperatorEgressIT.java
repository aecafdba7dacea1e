package dev.playbake.operator;

import com.sun.net.httpserver.HttpServer;
import dev.playbake.api.BuildRequests;
import dev.playbake.api.ResolvedInputs;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.docker.DockerHost;
import dev.playbake.engine.ControllerAccess;
import dev.playbake.imagebuild.BuildListener;
import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.imagebuild.BuildResult;
import dev.playbake.imagebuild.CancellationSignal;
import dev.playbake.imagebuild.ImageBuilder;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant's playbook run by the real operator reaches from the operator's process no more than its build container
 * could: module HTTP to a loopback listener (standing for the operator's /q/metrics) and to the real kube-apiserver
 * is refused naming the rule, and so is lookup('url') of the listener, lookup('env') sees only spec.controllerEnv,
 * and a template cannot include the operator's classpath. The same playbook through the CLI's path reaches the
 * listener and sees the process's environment.
 */
class OperatorEgressIT {

    /** Every probe registers its outcome; the last task prints them all into the build's failure. */
    private static final String PLAYBOOK = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: the operator's own port
                  uri: {url: "%1$s/q/metrics"}
                  register: metrics
                  ignore_errors: true
                - name: a download from it
                  get_url: {url: "%1$s/file.txt", dest: /tmp/file.txt}
                  register: download
                  ignore_errors: true
                - name: the API server
                  uri: {url: "%2$s/version", validate_certs: false}
                  register: api
                  ignore_errors: true
                - name: a url lookup, which the controller makes at template time
                  debug: {msg: "{{ lookup('url', '%1$s/q/metrics') }}"}
                  register: looked
                  ignore_errors: true
                - name: report
                  fail:
                    msg: >-
                      metrics=[{{ metrics.msg }}] download=[{{ download.msg }}] api=[{{ api.msg }}] lookup=[{{ looked.msg }}]
                      home=[{{ lookup('env', 'HOME') }}] path=[{{ lookup('env', 'PATH') }}]
                      given=[{{ lookup('env', 'GIVEN') }}]
            """;

    /** Its own build: a failure message holds the template's text, which a later task would render again. */
    private static final String INCLUDE = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: the operator's classpath
                  debug: {msg: "{% include 'application.properties' %}"}
            """;

    private HttpServer listener;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void listen() throws IOException {
        listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "operator metrics".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        listener.start();
    }

    @AfterEach
    void stop() {
        listener.stop(0);
    }

    @Test
    void aTenantsPlaybookReachesNothingOfTheOperator() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        String local = "http://127.0.0.1:" + listener.getAddress().getPort();
        try (ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client()) {
            String apiUrl = client.getMasterUrl().toString().replaceAll("/+$", "");
            ImageBuild build = imageBuild(env, "egress", PLAYBOOK.formatted(local, apiUrl));
            build.getSpec().controllerEnv.put("GIVEN", "from the spec");
            ImageBuildOperatorIT.installCrd(client);
            try (RealOperator ignored = RealOperator.start(client, 2)) {
                client.resources(ImageBuild.class).inNamespace("default").resource(build).create();
                client.resources(ImageBuild.class).inNamespace("default").resource(imageBuild(env, "include", INCLUDE))
                        .create();
                await().atMost(5, TimeUnit.MINUTES).until(() -> failedForGood(client, "egress")
                        && failedForGood(client, "include"));
            }
            String message = failure(client, "egress");
            assertTrue(message.contains("metrics=[uri: " + local + "/q/metrics refused by the operator's egress policy: "
                    + "127.0.0.1 is a loopback address (allow it with playbake.operator.egress.allow)]"), message);
            assertTrue(message.contains("download=[get_url: " + local + "/file.txt refused by the operator's egress "
                    + "policy: 127.0.0.1 is a loopback address"), message);
            assertTrue(message.contains("api=[uri: " + apiUrl + "/version refused by the operator's egress policy"),
                    message);
            assertTrue(message.contains("Failed lookup url for " + local + "/q/metrics : refused by the operator's "
                    + "egress policy: 127.0.0.1 is a loopback address"), message);
            assertEquals(0, requests.get(), "the listener saw no request");
            assertTrue(message.contains("home=[] path=[] given=[from the spec]"), message);
            String included = failure(client, "include");
            assertTrue(included.contains("template 'application.properties' not found in the build context"), included);
            assertFalse(included.contains("quarkus"), included);

            // the CLI: the user's own machine, everything reachable, its own environment
            BuildRequest cli = BuildRequests.from(build, ResolvedInputs.none(), UUID.randomUUID().toString(), "cli")
                    .toBuilder().controller(ControllerAccess.open()).build();
            try (DockerHost docker = DockerHost.connect(env.dockerHost())) {
                BuildResult result = new ImageBuilder(docker, new byte[32], Map.of())
                        .build(cli, BuildListener.NONE, new CancellationSignal());
                String cliMessage = assertInstanceOf(BuildResult.Failed.class, result).failure().message();
                assertTrue(cliMessage.contains("metrics=[OK (16 bytes)]"), cliMessage);
                assertTrue(cliMessage.contains("lookup=[operator metrics]"), cliMessage);
                assertTrue(cliMessage.contains("path=[" + System.getenv("PATH") + "]"), cliMessage);
            }
            assertEquals(3, requests.get(), "the CLI's uri, get_url and url lookup reached the listener");
        }
    }

    private static ImageBuild imageBuild(TestEnvironment env, String name, String playbook) {
        ImageBuild build = ImageBuilds.imageBuild(name,
                env.registry() + "/playbake-it/" + name + "-" + UUID.randomUUID().toString().substring(0, 8) + ":1");
        build.getSpec().playbook = playbook;
        return build;
    }

    private static boolean failedForGood(KubernetesClient client, String name) {
        ImageBuild build = client.resources(ImageBuild.class).inNamespace("default").withName(name).get();
        return build.getStatus() != null && build.getStatus().failure != null && build.getStatus().nextRetryTime == null;
    }

    private static String failure(KubernetesClient client, String name) {
        return client.resources(ImageBuild.class).inNamespace("default").withName(name).get().getStatus().failure.message;
    }
}
