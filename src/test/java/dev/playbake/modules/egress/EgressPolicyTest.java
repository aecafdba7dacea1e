package dev.playbake.modules.egress;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator's egress policy: built-in refusals, guarded addresses, the allow list, v4 and v6, names. */
class EgressPolicyTest {

    /** Names as a test DNS answers them; nothing leaves the machine. */
    private static final Map<String, List<String>> DNS = Map.of(
            "public.example", List.of("203.0.113.10"),
            "rebound.example", List.of("203.0.113.10", "127.0.0.1"),
            "metadata.example", List.of("169.254.169.254"),
            "api.example", List.of("10.96.0.1"),
            "v6loop.example", List.of("::1"));

    private static final EgressPolicy.Resolver RESOLVER = host -> {
        List<String> found = DNS.get(host);
        if (found == null) {
            if (AddressRange.looksLikeAddress(host)) {
                return List.of(InetAddress.getByName(host));
            }
            throw new UnknownHostException(host);
        }
        List<InetAddress> addresses = new java.util.ArrayList<>();
        for (String a : found) {
            addresses.add(InetAddress.getByName(a));
        }
        return addresses;
    };

    private static EgressPolicy policy(List<String> allow) throws UnknownHostException {
        return EgressPolicy.restricted(List.of(
                new EgressPolicy.Guarded(InetAddress.getByName("10.96.0.1"), "the Kubernetes API server's address"),
                new EgressPolicy.Guarded(InetAddress.getByName("10.244.0.7"), "an address of the operator's own machine"),
                new EgressPolicy.Guarded(InetAddress.getByName("fd00::5"), "the address of Docker host tcp://[fd00::5]:2376")),
                EgressPolicy.Allowed.of(allow), RESOLVER);
    }

    private static String refusal(EgressPolicy policy, String host) {
        EgressPolicy.Decision decision = policy.check(host);
        return assertInstanceOf(EgressPolicy.Refuse.class, decision, host + " was not refused").reason();
    }

    @Test
    void refusesTheOperatorsOwnSurroundings() throws UnknownHostException {
        EgressPolicy policy = policy(List.of());
        assertEquals("refused by the operator's egress policy: 127.0.0.1 is a loopback address (allow it with "
                + "playbake.operator.egress.allow)", refusal(policy, "127.0.0.1"));
        assertTrue(refusal(policy, "127.3.4.5").contains("loopback"));
        assertTrue(refusal(policy, "[::1]").contains("::1 is a loopback address"));
        assertTrue(refusal(policy, "::ffff:127.0.0.1").contains("loopback"), "IPv4-mapped IPv6");
        assertTrue(refusal(policy, "169.254.169.254").contains("169.254.169.254 is a link-local address"));
        assertTrue(refusal(policy, "fe80::1").contains("link-local"));
        assertTrue(refusal(policy, "0.0.0.0").contains("unspecified"));
        assertTrue(refusal(policy, "0.1.2.3").contains("unspecified"));
        assertTrue(refusal(policy, "::").contains("unspecified"));
        assertTrue(refusal(policy, "224.0.0.1").contains("multicast"));
        assertTrue(refusal(policy, "ff02::1").contains("multicast"));
        assertTrue(refusal(policy, "10.96.0.1").contains("10.96.0.1 is the Kubernetes API server's address"));
        assertTrue(refusal(policy, "10.244.0.7").contains("an address of the operator's own machine"));
        assertTrue(refusal(policy, "[fd00::5]").contains("Docker host tcp://[fd00::5]:2376"));
    }

    @Test
    void namesAreCheckedByEveryAddressTheyResolveTo() throws UnknownHostException {
        EgressPolicy policy = policy(List.of());
        assertInstanceOf(EgressPolicy.Allow.class, policy.check("public.example"));
        assertEquals("refused by the operator's egress policy: rebound.example resolves to 127.0.0.1, a loopback "
                + "address (allow it with playbake.operator.egress.allow)", refusal(policy, "rebound.example"));
        assertTrue(refusal(policy, "metadata.example").contains("169.254.169.254, a link-local address"));
        assertTrue(refusal(policy, "api.example").contains("the Kubernetes API server's address"));
        assertTrue(refusal(policy, "v6loop.example").contains("loopback"));
        assertInstanceOf(EgressPolicy.Unresolved.class, policy.check("nowhere.example"));
    }

    @Test
    void privateAndPublicRangesStayAllowed() throws UnknownHostException {
        EgressPolicy policy = policy(List.of());
        for (String host : List.of("10.1.2.3", "172.16.0.1", "192.168.1.1", "203.0.113.9", "fd12::1", "2001:db8::1")) {
            assertInstanceOf(EgressPolicy.Allow.class, policy.check(host), host);
        }
    }

    @Test
    void theAllowListOverridesRefusalsByRangeOrName() throws UnknownHostException {
        EgressPolicy policy = policy(List.of("127.0.0.0/30", "::1", "169.254.0.0/16", "Rebound.Example"));
        assertInstanceOf(EgressPolicy.Allow.class, policy.check("127.0.0.2"));
        assertTrue(refusal(policy, "127.0.0.4").contains("loopback"), "outside the /30");
        assertInstanceOf(EgressPolicy.Allow.class, policy.check("[::1]"));
        assertInstanceOf(EgressPolicy.Allow.class, policy.check("169.254.169.254"));
        assertInstanceOf(EgressPolicy.Allow.class, policy.check("rebound.example"), "names compare without case");
        assertTrue(refusal(policy, "10.96.0.1").contains("API server"), "a range allows only what it covers");
    }

    @Test
    void openAllowsAndNoneRefusesEverything() {
        assertInstanceOf(EgressPolicy.Allow.class, EgressPolicy.open().check("127.0.0.1"));
        assertEquals("refused: the build's network mode is None",
                refusal(EgressPolicy.none("the build's network mode is None"), "203.0.113.10"));
    }

    @Test
    void rangesParseAndMatchByPrefix() throws UnknownHostException {
        AddressRange range = AddressRange.parse("192.168.0.0/16");
        assertTrue(range.contains(InetAddress.getByName("192.168.255.1")));
        assertFalse(range.contains(InetAddress.getByName("192.169.0.1")));
        assertFalse(range.contains(InetAddress.getByName("::1")), "v6 is never in a v4 range");
        assertTrue(AddressRange.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:1::1")));
        assertTrue(AddressRange.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8")));
        assertEquals("10.0.0.0/8", AddressRange.parse("10.0.0.0/8").toString());
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("example.com/8"));
        assertFalse(AddressRange.looksLikeAddress("registry.example.com"));
    }
}
