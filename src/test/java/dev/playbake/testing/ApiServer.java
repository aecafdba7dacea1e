package dev.playbake.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
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
        TestEnvironment env = TestEnvironment.get();
        KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(env.value("kube.dir"))
                .withApiServerVersion(env.value("kube.version"))
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .build());
        server.start();
        return new ApiServer(server);
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
