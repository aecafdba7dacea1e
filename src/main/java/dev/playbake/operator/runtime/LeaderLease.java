package dev.playbake.operator.runtime;

import dev.playbake.operator.reconcile.Leadership;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The Lease that elects which replica of a deployment reconciles and builds (JOSDK runs the election), and the
 * fence on that replica's writes: it holds the lease only while the Lease names it and its last renewal is younger
 * than the renew deadline, so a replica that was frozen (SIGSTOP, a paused VM, a partition) knows on waking, before
 * the election loop notices, that it may not write. Losing the lease while running ends the process (JOSDK cannot
 * go back to following); the restarted process is a follower.
 */
public final class LeaderLease implements Leadership {

    private static final Logger LOG = Logger.getLogger(LeaderLease.class);
    /** How long a confirmed hold is believed without asking the API server again; far below the renew deadline. */
    private static final long RECHECK_NANOS = Duration.ofMillis(500).toNanos();

    private final KubernetesClient client;
    private final String name;
    private final String namespace;
    private final String identity;
    private final OperatorConfig.LeaderElection config;
    private final Clock clock;
    private volatile boolean lost;
    private volatile boolean stopping;
    private volatile long confirmedAt = Long.MIN_VALUE;

    public LeaderLease(KubernetesClient client, OperatorConfig.LeaderElection config, OperatorInstance instance,
                       Clock clock) {
        this.client = client;
        this.config = config;
        this.clock = clock;
        this.name = config.leaseName().orElse(leaseName(instance));
        this.namespace = config.leaseNamespace()
                .or(() -> Optional.ofNullable(client.getConfiguration().getNamespace())).orElse("default");
        this.identity = config.identity().or(() -> Optional.ofNullable(System.getenv("HOSTNAME")))
                .filter(id -> !id.isBlank()).orElseGet(() -> "playbake-" + UUID.randomUUID());
    }

    /** {@code namespace/name}, for logs. */
    public String describe() {
        return namespace + "/" + name + " as " + identity;
    }

    public String identity() {
        return identity;
    }

    /**
     * JOSDK's election on this Lease, which does not exit the process itself: JOSDK's exit would run inside the
     * shutdown of a stopping leader and hang it.
     *
     * @param onStartLeading runs before the first reconcile of a new leader
     * @param onLost         runs when the lease is lost while the process is not stopping
     */
    public LeaderElectionConfiguration configuration(Runnable onStartLeading, Runnable onLost) {
        LeaderCallbacks callbacks = new LeaderCallbacks(() -> {
            LOG.infof("this replica leads (lease %s)", describe());
            onStartLeading.run();
        }, () -> {
            if (!stopping && !lost) {
                lost = true;
                LOG.warnf("this replica lost the leader lease %s; it writes nothing more and exits", describe());
                onLost.run();
            }
        }, leader -> LOG.infof("the leader of lease %s/%s is %s", namespace, name, leader));
        return new LeaderElectionConfiguration(name, namespace, config.leaseDuration(), config.renewDeadline(),
                config.retryPeriod(), identity, callbacks, false);
    }

    @Override
    public boolean held() {
        if (lost) {
            return false;
        }
        long now = System.nanoTime();
        if (confirmedAt != Long.MIN_VALUE && now - confirmedAt < RECHECK_NANOS) {
            return true;
        }
        try {
            Lease lease = client.leases().inNamespace(namespace).withName(name).get();
            if (lease != null && holds(lease.getSpec(), identity, clock.instant(), config.renewDeadline())) {
                confirmedAt = now;
                return true;
            }
        } catch (KubernetesClientException e) {
            LOG.warnf("could not read the leader lease %s: %s", describe(), e.getMessage());
        }
        return false;
    }

    /** The process is stopping: losing the lease from now on is expected, not a reason to exit. */
    public void stopping() {
        stopping = true;
    }

    /**
     * Hands the lease back (holder cleared) so another replica leads at once instead of after the lease duration;
     * only while this replica still holds it.
     */
    public void release() {
        try {
            Lease lease = client.leases().inNamespace(namespace).withName(name).get();
            if (lease == null || !holds(lease.getSpec(), identity, clock.instant(), config.leaseDuration())) {
                return;
            }
            lease.getSpec().setHolderIdentity(null);
            lease.getSpec().setLeaseDurationSeconds(1);
            lease.getSpec().setRenewTime(clock.instant().atZone(ZoneOffset.UTC));
            client.leases().inNamespace(namespace).resource(lease).update();
            LOG.infof("released the leader lease %s", describe());
        } catch (KubernetesClientException e) {
            LOG.warnf("could not release the leader lease %s (the next leader waits for it to expire): %s",
                    describe(), e.getMessage());
        }
    }

    /** Whether a Lease with {@code spec} lets {@code identity} act at {@code now}, trusting a renewal for {@code trust}. */
    static boolean holds(LeaseSpec spec, String identity, Instant now, Duration trust) {
        return spec != null && identity.equals(spec.getHolderIdentity()) && spec.getRenewTime() != null
                && now.isBefore(spec.getRenewTime().toInstant().plus(trust));
    }

    /** A Lease name (a DNS subdomain) for an instance name such as {@code playbake-system/playbake}. */
    static String leaseName(OperatorInstance instance) {
        String name = instance.name().toLowerCase(Locale.ROOT).replace('/', '.').replaceAll("[^a-z0-9.-]", "-")
                .replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        name = (name.isEmpty() ? "playbake" : name) + "-leader";
        return name.length() <= 253 ? name : name.substring(name.length() - 253).replaceAll("^[^a-z0-9]+", "");
    }
}
