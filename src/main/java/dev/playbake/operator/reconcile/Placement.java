package dev.playbake.operator.reconcile;

import java.util.Optional;
import java.util.Set;

/**
 * Where a build would rather run: the host that holds its cache, and hosts to keep away from (the one a build was
 * just lost on, before the health monitor has noticed it is down).
 *
 * @param preferred the host of the ImageBuild's last build, whose snapshots a rebuild resumes from
 * @param avoid     hosts it goes to only when no other host is up
 */
public record Placement(Optional<String> preferred, Set<String> avoid) {

    /** Anywhere: the least busy host. */
    public static final Placement ANY = new Placement(Optional.empty(), Set.of());

    public Placement {
        avoid = Set.copyOf(avoid);
    }

    /** Rather on {@code host}, when it is up and not too busy. */
    public static Placement near(String host) {
        return new Placement(Optional.of(host), Set.of());
    }

    /** Anywhere but {@code host}, while another host is up. */
    public static Placement awayFrom(String host) {
        return new Placement(Optional.empty(), Set.of(host));
    }
}
