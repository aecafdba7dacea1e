package dev.playbake.cli;

import dev.playbake.operator.runtime.OperatorRunner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;

/** {@code playbake operator}: runs the Kubernetes operator until the process is stopped. */
@Command(name = "operator", mixinStandardHelpOptions = true,
        description = "Runs the operator: watches ImageBuilds and builds them on the configured Docker hosts.")
public class OperatorCommand implements Runnable {

    /** The Quarkus profile that turns on the HTTP server (health, metrics); the container image sets it. */
    static final String PROFILE = "operator";

    private static final Logger LOG = Logger.getLogger(OperatorCommand.class);

    @Inject
    OperatorRunner operator;

    @Override
    public void run() {
        if (!ConfigUtils.getProfiles().contains(PROFILE)) {
            LOG.warnf("running without the '%s' profile: no /q/health and /q/metrics (start with -Dquarkus.profile=%s)",
                    PROFILE, PROFILE);
        }
        operator.start();
        Quarkus.waitForExit();
    }
}
