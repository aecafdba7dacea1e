package dev.playbake.operator.runtime;

import dev.playbake.operator.cluster.ConfigMapBuildLogs;
import dev.playbake.operator.logapi.BuildLogLookup;
import dev.playbake.operator.logapi.LogAccess;
import dev.playbake.operator.logapi.LogApiServer;
import dev.playbake.operator.logapi.RequestHeaderAuthentication;
import dev.playbake.operator.logapi.ServingCertificate;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Starts the build log API with the operator when the configuration asks for it and the cluster's API server has
 * a front proxy to reach it through; without one the operator runs on and says why {@code playbake logs} is
 * not available.
 */
@ApplicationScoped
public class BuildLogApi {

    private static final Logger LOG = Logger.getLogger(BuildLogApi.class);

    private final Vertx vertx;
    private final KubernetesClient client;
    private final OperatorConfig config;
    private Optional<LogApiServer> server = Optional.empty();

    @Inject
    public BuildLogApi(Vertx vertx, KubernetesClient client, OperatorConfig config) {
        this.vertx = vertx;
        this.client = client;
        this.config = config;
    }

    synchronized void start() {
        OperatorConfig.LogApi api = config.logApi();
        if (!api.enabled() || config.buildHistory() == 0) {
            return;
        }
        Optional<RequestHeaderAuthentication> frontProxy;
        try {
            frontProxy = RequestHeaderAuthentication.read(client);
        } catch (KubernetesClientException | IllegalStateException e) {
            LOG.warnf("the build log API is off: could not read kube-system/extension-apiserver-authentication (%s);"
                    + " the operator needs the Role extension-apiserver-authentication-reader there", e.getMessage());
            return;
        }
        if (frontProxy.isEmpty()) {
            LOG.warn("the build log API is off: the cluster's API server publishes no front proxy CA"
                    + " (kube-system/extension-apiserver-authentication has no requestheader-client-ca-file)");
            return;
        }
        ConfigMapBuildLogs logs = new ConfigMapBuildLogs(client, OperatorBeans.logNamespace(config, client));
        server = Optional.of(new LogApiServer(vertx, api.port(), ServingCertificate.of(api.tlsCertFile(),
                api.tlsKeyFile()), frontProxy.get(), new LogAccess(client), new BuildLogLookup(client, logs), logs,
                api.maxRequests()).start());
    }

    synchronized void stop() {
        server.ifPresent(LogApiServer::close);
        server = Optional.empty();
    }
}
