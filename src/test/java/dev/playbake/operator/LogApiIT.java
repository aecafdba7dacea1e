package dev.playbake.operator;

import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.api.v1alpha1.LocalObjectRef;
import dev.playbake.api.v1alpha1.Phase;
import dev.playbake.operator.cluster.ConfigMapBuildLogs;
import dev.playbake.operator.logapi.BuildLogLookup;
import dev.playbake.operator.logapi.LogAccess;
import dev.playbake.operator.logapi.LogApiServer;
import dev.playbake.operator.logapi.RequestHeaderAuthentication;
import dev.playbake.operator.logapi.ServingCertificate;
import dev.playbake.testing.ApiServer;
import dev.playbake.testing.TestEnvironment;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build log API as the aggregation layer calls it, the test in the front proxy's place: a client certificate of
 * the front-proxy CA and the user in headers; the operator's SubjectAccessReview against the real kube-apiserver
 * (RBAC) decides; logs of builds the real operator ran. The path through a real API server's aggregator is
 * ClusterE2EIT's.
 */
class LogApiIT {

    private static final TestEnvironment env = TestEnvironment.get();
    private static final String TEAM = "team-logs";
    private static Path pki;
    private static ApiServer apiServer;
    private static KubernetesClient client;
    private static RealOperator operator;
    private static Vertx vertx;
    private static LogApiServer server;

    @BeforeAll
    static void start() throws Exception {
        pki = Files.createTempDirectory("log-api-pki");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                "-subj", "/CN=front-proxy-ca", "-keyout", "ca.key", "-out", "ca.crt");
        clientCertificate("proxy", "front-proxy-client", "ca");
        clientCertificate("intruder", "someone-else", "ca");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                "-subj", "/CN=other-ca", "-keyout", "other.key", "-out", "other.crt");
        clientCertificate("forged", "front-proxy-client", "other");

        apiServer = ApiServer.start();
        client = apiServer.client();
        ImageBuildOperatorIT.installCrd(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(TEAM).endMetadata().build())
                .create();
        ImageBuildEndToEndIT.createRegistrySecret(client, env, TEAM);
        client.rbac().roles().inNamespace(TEAM).resource(new RoleBuilder().withNewMetadata().withName("viewer")
                .endMetadata().withRules(new PolicyRuleBuilder().withApiGroups("playbake.dev")
                        .withResources("imagebuilds").withVerbs("get").build()).build()).create();
        client.rbac().roleBindings().inNamespace(TEAM).resource(new RoleBindingBuilder().withNewMetadata()
                .withName("alice-views").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "viewer")
                .addNewSubject().withKind("User").withName("alice").withApiGroup("rbac.authorization.k8s.io")
                .endSubject().build()).create();
        client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("extension-apiserver-authentication").endMetadata()
                .addToData("requestheader-client-ca-file", Files.readString(pki.resolve("ca.crt")))
                .addToData("requestheader-allowed-names", "[\"front-proxy-client\"]")
                .addToData("requestheader-username-headers", "[\"X-Remote-User\"]")
                .addToData("requestheader-group-headers", "[\"X-Remote-Group\"]")
                .addToData("requestheader-extra-headers-prefix", "[\"X-Remote-Extra-\"]").build())
                .createOr(existing -> existing.update());

        operator = RealOperator.start(client, 2);
        vertx = Vertx.vertx();
        ConfigMapBuildLogs logs = new ConfigMapBuildLogs(client, RealOperator.LOG_NAMESPACE);
        server = new LogApiServer(vertx, 0, ServingCertificate.of(Optional.empty(), Optional.empty()),
                RequestHeaderAuthentication.read(client).orElseThrow(), new LogAccess(client),
                new BuildLogLookup(client, logs), logs, 4).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        vertx.close();
        operator.close();
        client.close();
        apiServer.close();
    }

    @Test
    void aUserWhoMayGetTheImageBuildReadsItsLogAndFollowsARunningOneAndOthersAreRefused() throws Exception {
        String marker = UUID.randomUUID().toString();
        ImageBuild build = ImageBuilds.imageBuild("followed", env.registry() + "/playbake-it/log-api-"
                + marker.substring(0, 8) + ":1");
        build.getMetadata().setNamespace(TEAM);
        build.getSpec().baseImage = env.busyboxImage();
        build.getSpec().output.pushSecretRef = new LocalObjectRef("regcred");
        build.getSpec().playbook = """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: first
                      ansible.builtin.debug:
                        msg: "first %s"
                    - name: wait
                      ansible.builtin.command: sleep 5
                    - name: last
                      ansible.builtin.debug:
                        msg: "last %s"
                """.formatted(marker, marker);
        String path = "/apis/logs.playbake.dev/v1alpha1/namespaces/" + TEAM + "/imagebuilds/followed/log";
        HttpResponse<String> early = get("proxy", path, "alice");
        assertEquals(404, early.statusCode(), early.body());
        assertTrue(early.body().contains("no ImageBuild followed in namespace " + TEAM), early.body());
        client.resources(ImageBuild.class).inNamespace(TEAM).resource(build).create();

        // at once, as `kubectl apply` then `playbake logs --follow` does: the follower waits for the first lines
        HttpResponse<String> followed = get("proxy", path + "?follow=true", "alice");

        assertEquals(200, followed.statusCode(), followed.body());
        assertTrue(followed.body().contains("first: first " + marker), followed.body());
        assertTrue(followed.body().contains("last: last " + marker), "followed to the end: " + followed.body());
        assertTrue(followed.body().contains("ended after "), followed.body());
        ImageBuildStatus status = client.resources(ImageBuild.class).inNamespace(TEAM).withName("followed").get()
                .getStatus();
        assertEquals(Phase.SUCCEEDED, status.phase);

        HttpResponse<String> byCounter = get("proxy", path + "?build=1", "alice");
        assertEquals(200, byCounter.statusCode(), byCounter.body());
        assertTrue(byCounter.body().startsWith("build 1 (" + status.buildId + ")"), byCounter.body());
        HttpResponse<String> noSuchBuild = get("proxy", path + "?build=7", "alice");
        assertEquals(404, noSuchBuild.statusCode());
        assertTrue(noSuchBuild.body().contains("has no build 7 whose log is kept"), noSuchBuild.body());

        HttpResponse<String> mallory = get("proxy", path, "mallory");
        assertEquals(403, mallory.statusCode(), mallory.body());
        assertTrue(mallory.body().contains("user \\\"mallory\\\" cannot read the build logs of ImageBuild " + TEAM
                + "/followed: that takes get on imagebuilds.playbake.dev"), mallory.body());
        assertTrue(!mallory.body().contains(marker), "nothing of the log");
        HttpResponse<String> otherNamespace = get("proxy", "/apis/logs.playbake.dev/v1alpha1/namespaces/default"
                + "/imagebuilds/followed/log", "alice");
        assertEquals(403, otherNamespace.statusCode(), "alice may get ImageBuilds in " + TEAM + " only");

        HttpResponse<String> intruder = get("intruder", path, "alice");
        assertEquals(401, intruder.statusCode(), "a certificate of the CA, but not the front proxy's name");
        assertThrows(IOException.class, () -> get("forged", path, "alice"), "another CA's certificate: no handshake");
        assertThrows(IOException.class, () -> get(null, path, "alice"), "no certificate: no handshake");

        HttpResponse<String> discovery = get("proxy", "/apis/logs.playbake.dev/v1alpha1", "system:kube-aggregator");
        assertEquals(200, discovery.statusCode());
        assertTrue(discovery.body().contains("\"name\":\"imagebuilds/log\""), discovery.body());
    }

    /** A GET as the front proxy would send it, with the client certificate {@code identity} (none when null). */
    private static HttpResponse<String> get(String identity, String path, String user) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(sslContext(identity)).connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + path))
                .header("X-Remote-User", user).header("X-Remote-Group", "system:authenticated")
                .timeout(Duration.ofMinutes(2)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static SSLContext sslContext(String identity) throws Exception {
        // the server's certificate is self-signed here (deploy/'s APIService skips verifying it); what is under
        // test is how the server checks its client
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        KeyManagerFactory keys = null;
        if (identity != null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(pki.resolve(identity + ".p12"))) {
                store.load(in, "test".toCharArray());
            }
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, "test".toCharArray());
        }
        context.init(keys == null ? null : keys.getKeyManagers(), new TrustManager[]{trustAll}, null);
        return context;
    }

    private static void clientCertificate(String name, String commonName, String ca) throws Exception {
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj",
                "/CN=" + commonName, "-keyout", name + ".key", "-out", name + ".csr");
        Files.writeString(pki.resolve(name + ".ext"), "extendedKeyUsage=clientAuth\n");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-CAcreateserial",
                "-days", "1", "-extfile", name + ".ext", "-out", name + ".crt");
        openssl("pkcs12", "-export", "-inkey", name + ".key", "-in", name + ".crt", "-out", name + ".p12",
                "-passout", "pass:test");
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(pki.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
    }
}
