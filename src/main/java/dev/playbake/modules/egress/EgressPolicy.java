package dev.playbake.modules.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which hosts the controller may connect to on a playbook's behalf (HTTP of uri, get_url, unarchive, apt's deb
 * URLs, lookup('url')), checked for every connection and every redirect hop. The CLI allows everything (the user's own machine);
 * the operator refuses what a build container could not reach: its own loopback and machine, link-local
 * addresses (cloud metadata), the API server and the Docker hosts.
 */
public sealed interface EgressPolicy {

    /** Everything, as on the user's own machine. */
    static EgressPolicy open() {
        return Open.INSTANCE;
    }

    /** Nothing at all; {@code reason} says why, in the task's failure. */
    static EgressPolicy none(String reason) {
        return new Closed(reason);
    }

    /**
     * Refuses loopback, link-local, unspecified and multicast addresses and the {@code guarded} ones, except what
     * the allow list names; private ranges stay allowed (a bridge-networked build container reaches them).
     *
     * @param guarded  addresses of the operator's own surroundings, each with what it is
     * @param allowed  ranges and host names that override every refusal
     * @param resolver how names become addresses
     */
    static EgressPolicy restricted(List<Guarded> guarded, Allowed allowed, Resolver resolver) {
        return new Restricted(List.copyOf(guarded), allowed, resolver);
    }

    /** What a connection to {@code host} (a name or an address literal) may do. */
    Decision check(String host);

    /** One address the operator's policy refuses, and what it is ({@code the Kubernetes API server}). */
    record Guarded(InetAddress address, String what) {
    }

    /** The allow list: CIDR blocks and host names (compared without case). */
    record Allowed(List<AddressRange> ranges, Set<String> hosts) {

        public Allowed {
            ranges = List.copyOf(ranges);
            hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        }

        /** Entries as configured: each a CIDR block, an address or a host name. */
        public static Allowed of(List<String> entries) {
            return new Allowed(entries.stream().filter(AddressRange::looksLikeAddress).map(AddressRange::parse).toList(),
                    entries.stream().filter(e -> !AddressRange.looksLikeAddress(e)).map(String::strip)
                            .collect(Collectors.toSet()));
        }
    }

    /** Name resolution; the JVM's by default. */
    @FunctionalInterface
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        /** The JVM's resolver: what the HTTP client connects to comes from the same cache (docs/operator.md, "What a playbook reaches from the operator"). */
        Resolver JVM = host -> Arrays.asList(InetAddress.getAllByName(host));
    }

    /** The outcome of a check. */
    sealed interface Decision {
    }

    /** Connect. */
    record Allow() implements Decision {
    }

    /** Do not connect: {@code reason} completes "URL …" in the task's failure. */
    record Refuse(String reason) implements Decision {
    }

    /** The name does not resolve: as an unreachable server, an answer with status -1. */
    record Unresolved(String message) implements Decision {
    }

    /** No restriction. */
    enum Open implements EgressPolicy {
        INSTANCE;

        @Override
        public Decision check(String host) {
            return new Allow();
        }
    }

    /** No connection at all. */
    record Closed(String reason) implements EgressPolicy {

        @Override
        public Decision check(String host) {
            return new Refuse("refused: " + reason);
        }
    }

    /** The operator's policy. */
    record Restricted(List<Guarded> guarded, Allowed allowed, Resolver resolver) implements EgressPolicy {

        private static final AddressRange THIS_NETWORK = AddressRange.parse("0.0.0.0/8");

        @Override
        public Decision check(String host) {
            String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (allowed.hosts().contains(name.toLowerCase(Locale.ROOT))) {
                return new Allow();
            }
            List<InetAddress> addresses;
            try {
                addresses = resolver.resolve(name);
            } catch (UnknownHostException e) {
                return new Unresolved(name + ": Name or service not known");
            }
            for (InetAddress address : addresses) {
                if (allowed.ranges().stream().anyMatch(r -> r.contains(address))) {
                    continue;
                }
                Optional<String> rule = refusal(address);
                if (rule.isPresent()) {
                    String subject = AddressRange.looksLikeAddress(name) ? name + " is "
                            : name + " resolves to " + address.getHostAddress() + ", ";
                    return new Refuse("refused by the operator's egress policy: " + subject + rule.get()
                            + " (allow it with playbake.operator.egress.allow)");
                }
            }
            return new Allow();
        }

        private Optional<String> refusal(InetAddress address) {
            if (address.isLoopbackAddress()) {
                return Optional.of("a loopback address");
            }
            if (address.isLinkLocalAddress()) {
                return Optional.of("a link-local address");
            }
            if (address.isAnyLocalAddress() || THIS_NETWORK.contains(address)) {
                return Optional.of("an unspecified address");
            }
            if (address.isMulticastAddress()) {
                return Optional.of("a multicast address");
            }
            return guarded.stream().filter(g -> g.address().equals(address)).map(Guarded::what).findFirst();
        }
    }
}
