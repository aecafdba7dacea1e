package dev.playbake.operator;

import com.sun.net.httpserver.HttpServer;
import dev.playbake.api.v1alpha1.CacheSpec;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.LocalObjectRef;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.api.v1alpha1.SecretVarsFrom;
import dev.playbake.docker.DockerHost;
import dev.playbake.runtime.ImageSummary;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.LoopbackRegistry;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adversarial suite of issue 18 in one run on real parts: one operator, one Docker host, a real kube-apiserver,
 * two namespaces with their own registries and credentials. Tenant B, with only the right to create ImageBuilds,
 * tries every attack of the table against tenant A and the operator; each is refused with a clear message,
 * both tenants' own builds work, and A's secret value is found nowhere: not in either tenant's status or events,
 * the operator's log, the labels of any image the builds left on the host, any layer of them, or the image A pushed
 * as its registry serves it.
 */
class TenantAttackIT {

    private static final String DOCKER = "/usr/bin/docker";
    private static final String USE_SECRET = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: a change before the token is used
                  copy: {dest: /before.txt, content: "before\\n"}
                - name: keep only the token's hash
                  shell: printf %s '{{ api_token }}' | sha256sum | cut -d' ' -f1 > /token.sha256
                - name: echo it into a registered result
                  command: echo {{ api_token }}
                  register: echoed
                - name: print it
                  debug: {msg: "the token is {{ echoed.stdout }}"}
            """;
    private static final String USE_SECRET_THEN_FAIL = USE_SECRET + """
                - name: the token on disk, then a failure (a debug image would keep the file)
                  copy: {dest: /token.txt, content: "{{ api_token }}"}
                - name: fail
                  command: /bin/false
            """;
    private static final String STEAL_FILE = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: read the other tenant's file
                  slurp: {src: /token.sha256}
                  register: stolen
                - name: show it
                  fail: {msg: "{{ stolen.content | b64decode }}"}
            """;
    private static final String REACH_OPERATOR = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: the operator's own port
                  uri: {url: "%s/q/metrics"}
                  register: metrics
                  ignore_errors: true
                - name: report
                  fail: {msg: "metrics=[{{ metrics.msg }}] path=[{{ lookup('env', 'PATH') }}]"}
            """;
    private static final String INCLUDE_CLASSPATH = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: the operator's classpath
                  debug: {msg: "{% include 'application.properties' %}"}
            """;
    private static final String OWN = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: a file of its own
                  copy: {dest: /own.txt, content: "own\\n"}
            """;

    @TempDir
    Path dir;

    @Test
    void everyAttackOfOneTenantOnAnotherAndOnTheOperatorIsRefusedAndNoSecretLeaks() throws Exception {
        TestEnvironment env = TestEnvironment.get();
        String secret = "s3cr3t-" + UUID.randomUUID();
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        Handler capture = capture(logged);
        AtomicInteger requests = new AtomicInteger();
        HttpServer listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        listener.start();
        Set<String> leftImages = new LinkedHashSet<>();
        try (LoopbackRegistry registryA = LoopbackRegistry.start("tenant-a");
             ApiServer apiServer = ApiServer.start(); KubernetesClient client = apiServer.client();
             DockerHost docker = DockerHost.connect(env.dockerHost())) {
            ImageBuildOperatorIT.installCrd(client);
            Tenant a = Tenant.create(client, "tenant-a", registryA.credentials());
            Tenant b = Tenant.create(client, "tenant-b", env.credentials(env.tlsRegistry()));
            client.secrets().inNamespace(a.namespace()).resource(new SecretBuilder().withNewMetadata()
                    .withName("tokens").endMetadata().withStringData(Map.of("api_token", secret)).build()).create();
            String imageA = a.registry() + "/tenant-a/web:1";
            String brokenA = a.registry() + "/tenant-a/broken:1";
            String imageB = b.registry() + "/tenant-b/own-" + UUID.randomUUID().toString().substring(0, 6) + ":1";
            String local = "http://127.0.0.1:" + listener.getAddress().getPort();

            try (RealOperator ignored = RealOperator.start(client,
                    new RealOperator.Setup(2, RealOperator.DEV_ENV, Optional.empty(), Set.of()))) {
                a.apply(client, withSecret(a.imageBuild("web", imageA), USE_SECRET));
                a.apply(client, withSecret(a.imageBuild("broken", brokenA), USE_SECRET_THEN_FAIL));
                ImageBuild web = finished(client, a, "web");
                assertEquals(Phase.SUCCEEDED, web.getStatus().phase, Serialization.asYaml(web.getStatus()));
                ImageBuild broken = finished(client, a, "broken");
                assertEquals("PlaybookFailed", broken.getStatus().failure.reason);
                assertTrue(broken.getStatus().failure.message.endsWith("debug image not kept: the build used secret vars"),
                        broken.getStatus().failure.message);
                assertTrue(docker.inspectImage(brokenA + "-failed").isEmpty(), "no debug image with A's secret file");

                // row 1: A's private image, on the shared host, as B's base image
                ImageBuild stealing = b.imageBuild("steal", b.registry() + "/tenant-b/stolen:1");
                stealing.getSpec().baseImage = imageA;
                stealing.getSpec().playbook = STEAL_FILE;
                b.apply(client, stealing);
                // rows 2 and 3: the operator's network position and environment
                ImageBuild reach = b.imageBuild("reach", b.registry() + "/tenant-b/reach:1");
                reach.getSpec().playbook = REACH_OPERATOR.formatted(local);
                b.apply(client, reach);
                // row 4: the operator's classpath through a template
                ImageBuild include = b.imageBuild("include", b.registry() + "/tenant-b/include:1");
                include.getSpec().playbook = INCLUDE_CLASSPATH;
                b.apply(client, include);
                // row 5: a push without credentials of its own
                ImageBuild noPush = b.imageBuild("nopush", a.registry() + "/tenant-a/overwritten:1");
                noPush.getSpec().output.pushSecretRef = null;
                noPush.getSpec().playbook = OWN;
                b.apply(client, noPush);
                // and B's own, legitimate build
                ImageBuild own = b.imageBuild("own", imageB);
                own.getSpec().playbook = OWN;
                b.apply(client, own);

                ImageBuild steal = finished(client, b, "steal");
                assertEquals("InvalidSpec", steal.getStatus().failure.reason);
                assertTrue(steal.getStatus().failure.message.contains(imageA), steal.getStatus().failure.message);
                String reached = finished(client, b, "reach").getStatus().failure.message;
                assertTrue(reached.contains("metrics=[uri: " + local + "/q/metrics refused by the operator's egress"
                        + " policy: 127.0.0.1 is a loopback address"), reached);
                assertTrue(reached.contains("path=[]"), reached);
                assertEquals(0, requests.get(), "the operator's port saw no request");
                String included = finished(client, b, "include").getStatus().failure.message;
                assertTrue(included.contains("not found in the build context"), included);
                await().atMost(2, TimeUnit.MINUTES).until(() -> b.get(client, "nopush").map(ImageBuild::getStatus)
                        .map(s -> s.conditions).map(Serialization::asJson)
                        .filter(c -> c.contains("spec.output.pushSecretRef is required")).isPresent());
                assertEquals(Phase.SUCCEEDED, finished(client, b, "own").getStatus().phase);

                // the build did use the secret: the image A's registry serves holds its hash
                docker.removeImage(imageA);
                docker.pull(web.getStatus().latestImage, Optional.of(a.credentials()));
                assertEquals(DigestUtils.sha256Hex(secret), Commands.ok(List.of(DOCKER, "run", "--rm",
                        web.getStatus().latestImage, "cat", "/token.sha256")).strip());

                List<String> written = new ArrayList<>(a.visibleTexts(client));
                written.addAll(b.visibleTexts(client));
                written.addAll(logged);
                assertTrue(logged.stream().anyMatch(line -> line.contains(a.namespace() + "/web")),
                        "the operator's log was captured");
                String encoded = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
                assertEquals(List.of(), written.stream().filter(t -> t.contains(secret) || t.contains(encoded)).toList(),
                        "status, events or the operator's log hold the secret");

                leftImages.add(web.getStatus().latestImage);
                leftImages.add(imageB);
                for (String namespace : List.of(a.namespace(), b.namespace())) {
                    docker.imagesLabelled("playbake.dev/cache-scope=" + namespace).stream().map(ImageSummary::id)
                            .forEach(leftImages::add);
                }
                assertTrue(leftImages.size() >= 4, "snapshots of both tenants are scanned: " + leftImages);
                for (String image : leftImages) {
                    String labels = Commands.ok(List.of(DOCKER, "image", "inspect", "--format",
                            "{{json .Config.Labels}}", image));
                    assertFalse(labels.contains(secret), "a label of " + image + " holds the secret");
                    Path saved = dir.resolve("image.tar");
                    Commands.ok(List.of(DOCKER, "save", "-o", saved.toString(), image));
                    assertFalse(SecretScanIT.scanSave(saved, secret).isEmpty(), image + " has layers");
                }
            } finally {
                for (Tenant tenant : List.of(a, b)) {
                    Commands.run(List.of("sh", "-c", DOCKER + " images -q --filter label=playbake.dev/cache-scope="
                            + tenant.namespace() + " | sort -u | xargs -r " + DOCKER + " rmi -f"), Duration.ofMinutes(1));
                }
                Commands.run(List.of("sh", "-c", DOCKER + " images --format '{{.Repository}}:{{.Tag}}' | grep -E '^("
                        + a.registry() + "/tenant-a|" + b.registry() + "/tenant-b)/' | xargs -r " + DOCKER + " rmi -f"),
                        Duration.ofMinutes(1));
            }
        } finally {
            listener.stop(0);
            Logger.getLogger("").removeHandler(capture);
        }
    }

    private static ImageBuild withSecret(ImageBuild build, String playbook) {
        build.getSpec().playbook = playbook;
        SecretVarsFrom from = new SecretVarsFrom();
        from.secretRef = new LocalObjectRef("tokens");
        build.getSpec().secretVars.add(from);
        build.getSpec().cache = new CacheSpec();
        build.getSpec().cache.snapshots = CacheSpec.Snapshots.EVERY_CHANGE;
        return build;
    }

    /** Every record the operator logs in this JVM, formatted with its parameters, as the pod's log would show it. */
    private static Handler capture(List<String> into) {
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage();
                Object[] parameters = record.getParameters();
                if (parameters != null) {
                    try {
                        message = String.format(message, parameters) + " " + Arrays.toString(parameters);
                    } catch (RuntimeException e) {
                        message = message + " " + Arrays.toString(parameters);
                    }
                }
                into.add(record.getLoggerName() + " " + message
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(handler);
        return handler;
    }

    private static ImageBuild finished(KubernetesClient client, Tenant tenant, String name) {
        await().atMost(5, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(500)).until(() -> tenant.get(client, name)
                .map(ImageBuild::getStatus).filter(s -> s.phase != null && s.phase.isTerminal()).isPresent());
        return tenant.get(client, name).orElseThrow();
    }
}
