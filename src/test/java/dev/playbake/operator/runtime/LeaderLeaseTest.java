package dev.playbake.operator.runtime;

import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpecBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a replica believes it holds the lease, and the Lease names derived from instance names. */
class LeaderLeaseTest {

    private static final Instant RENEWED = Instant.parse("2026-12-07T01:00:00Z");
    private static final Duration TRUST = Duration.ofSeconds(10);

    @Test
    void aRenewalIsTrustedForTheRenewDeadlineOnly() {
        LeaseSpec spec = spec("replica-a");

        assertTrue(LeaderLease.holds(spec, "replica-a", RENEWED.plusSeconds(9), TRUST));
        assertFalse(LeaderLease.holds(spec, "replica-a", RENEWED.plusSeconds(10), TRUST),
                "a replica frozen past the deadline must not write on waking, even before anyone took over");
    }

    @Test
    void anotherHolderOrNoneIsNotThisReplica() {
        assertFalse(LeaderLease.holds(spec("replica-b"), "replica-a", RENEWED, TRUST));
        assertFalse(LeaderLease.holds(spec(null), "replica-a", RENEWED, TRUST), "a released lease");
        assertFalse(LeaderLease.holds(null, "replica-a", RENEWED, TRUST));
    }

    @Test
    void leaseNamesAreDnsSubdomainsOfTheInstanceName() {
        assertEquals("playbake-leader", LeaderLease.leaseName(new OperatorInstance("playbake")));
        assertEquals("playbake-system.playbake-leader",
                LeaderLease.leaseName(new OperatorInstance("playbake-system/playbake")));
        assertEquals("it-ab-c-leader", LeaderLease.leaseName(new OperatorInstance("_It_AB c")));
        String longName = LeaderLease.leaseName(new OperatorInstance("a".repeat(300)));
        assertEquals(253, longName.length());
        assertTrue(longName.endsWith("-leader"));
    }

    private static LeaseSpec spec(String holder) {
        return new LeaseSpecBuilder().withHolderIdentity(holder).withLeaseDurationSeconds(15)
                .withRenewTime(RENEWED.atZone(ZoneOffset.UTC)).build();
    }
}
