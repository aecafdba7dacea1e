package dev.playbake.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubeapitest.KubeAPITestException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * A real kube-apiserver and etcd, started by fabric8 kube-api-test from the binaries scripts/dev-env
 * built. Offline: a missing binary is an error, never a download. (Configured in code because
 * kube-api-test 7.5 casts its boolean and integer environment variables from String and fails.)
 */
public final class ApiServer implements AutoCloseable {

    private final KubeAPIServer server;

    private ApiServer(KubeAPIServer server) {
        this.server = server;
    }

    public static ApiServer start() {
        // A server started right after another one stopped sometimes exits at once (its etcd still
        // holding a port, seen once on a fresh machine): a second try after a pause starts cleanly.
        KubeAPITestException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            KubeAPIServer server = new KubeAPIServer(config());
            try {
                server.start();
                return new ApiServer(server);
            } catch (KubeAPITestException e) {
                last = e;
                try {
                    server.stop();
                } catch (RuntimeException ignored) {
                    // it is already down; that is why we retry
                }
                pause();
            }
        }
        throw last;
    }

    private static io.fabric8.kubeapitest.KubeAPIServerConfig config() {
        TestEnvironment env = TestEnvironment.get();
        return KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(env.value("kube.dir"))
                .withApiServerVersion(env.value("kube.version"))
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .build();
    }

    private static void pause() {
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String kubeConfigYaml() {
        return server.getKubeConfigYaml();
    }

    /** A new client for this server; the caller closes it. */
    public KubernetesClient client() {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeConfigYaml())).build();
    }

    @Override
    public void close() {
        server.stop();
    }
}
