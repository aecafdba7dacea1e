package dev.playbake.operator.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the Docker host monitor keeps its state current; a stale state is an operator that lost track. */
@Liveness
@ApplicationScoped
public class DockerHostMonitorLiveness implements HealthCheck {

    private final DockerHostMonitor monitor;

    @Inject
    public DockerHostMonitorLiveness(DockerHostMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("docker-host-monitor").status(monitor.isCurrent()).build();
    }
}
