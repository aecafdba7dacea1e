package dev.playbake.operator.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;

/**
 * Ready when at least one Docker host answered its last ping: with none, every build would fail with
 * HostUnavailable. It reads {@link DockerHostMonitor}'s state and never calls a host, so a host that hangs
 * cannot hang the probe. Not a liveness check: restarting the operator does not bring a Docker host back.
 */
@Readiness
@ApplicationScoped
public class DockerHostsHealthCheck implements HealthCheck {

    private final DockerHostMonitor monitor;

    @Inject
    public DockerHostsHealthCheck(DockerHostMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("docker-hosts");
        Map<String, DockerHostMonitor.HostHealth> health = monitor.health();
        boolean anyUp = false;
        for (String host : monitor.hosts()) {
            DockerHostMonitor.HostHealth state = health.get(host);
            if (state == null) {
                response.withData(host, "not checked yet");
            } else {
                response.withData(host, (state.up() ? "up, " : "down: ") + state.detail() + " (at " + state.checked() + ")");
                anyUp |= state.up();
            }
        }
        return response.status(anyUp).build();
    }
}
