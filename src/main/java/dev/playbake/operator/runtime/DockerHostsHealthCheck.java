package dev.playbake.operator.runtime;

import dev.playbake.docker.DockerHost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;

/**
 * Ready when at least one Docker host answers: with none, every build would fail with HostUnavailable.
 * Not a liveness check: restarting the operator does not bring a Docker host back.
 */
@Readiness
@ApplicationScoped
public class DockerHostsHealthCheck implements HealthCheck {

    private final OperatorConfig config;

    @Inject
    public DockerHostsHealthCheck(OperatorConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("docker-hosts");
        boolean anyUp = false;
        for (Map.Entry<String, OperatorConfig.Host> host : config.hosts().entrySet()) {
            try (DockerHost docker = DockerHost.connect(host.getValue().uri())) {
                response.withData(host.getKey(), "up, engine " + docker.engineVersion());
                anyUp = true;
            } catch (RuntimeException e) {
                response.withData(host.getKey(), "down: " + e.getMessage());
            }
        }
        return response.status(anyUp).build();
    }
}
