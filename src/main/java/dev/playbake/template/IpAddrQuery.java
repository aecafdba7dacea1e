package dev.playbake.template;

import dev.playbake.python.PyNone;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Map.entry;

/**
 * ansible.utils' {@code ipaddr(value, query, version)} (ipaddr_utils.py over netaddr): the value read as an address or
 * network, then the named query, a network to look the value up in, or an index into the network. An invalid value is
 * False; a query that does not hold is None (printed empty) or False, as each of Ansible's answers it.
 */
final class IpAddrQuery {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final BigInteger MAPPED = BigInteger.valueOf(0xffff00000000L);
    private static final BigInteger MAPPED_MAX = BigInteger.valueOf(0xffffffffffffL);
    private static final IpNetwork SIX_TO_FOUR = IpNetwork.parse("2002::/16");

    /** The parsed value: the network, whether it was written as an address or a network, the value queries return. */
    private record Parsed(IpNetwork v, boolean network, Object value) {
    }

    private interface Query {
        Object answer(Parsed p);
    }

    private static final Map<String, Query> QUERIES = Map.ofEntries(
            entry("", p -> p.network ? p.v.toString() : p.v.ipText()),
            entry("6to4", IpAddrQuery::sixToFour),
            entry("address", IpAddrQuery::address),
            entry("ip", IpAddrQuery::address),
            entry("address/prefix", IpAddrQuery::addressPrefix),
            entry("gateway", IpAddrQuery::addressPrefix),
            entry("gw", IpAddrQuery::addressPrefix),
            entry("host/prefix", IpAddrQuery::addressPrefix),
            entry("hostnet", IpAddrQuery::addressPrefix),
            entry("router", IpAddrQuery::addressPrefix),
            entry("bool", p -> true),
            entry("broadcast", p -> big(p, 2) ? text(p, p.v.last()) : PyNone.NONE),
            entry("cidr", p -> p.v.toString()),
            entry("first_usable", p -> usable(p, 1)),
            entry("last_usable", p -> usable(p, -1)),
            entry("host", p -> small(p, 1) || p.v.hostMatters() ? p.v.toString() : PyNone.NONE),
            entry("hostmask", p -> text(p, p.v.hostmask())),
            entry("wildcard", p -> text(p, p.v.hostmask())),
            entry("int", p -> p.network ? p.v.ip() + "/" + p.v.prefix() : PyNumbers.narrow(p.v.ip())),
            entry("ip/prefix", p -> hostInNetwork(p) ? p.v.toString() : PyNone.NONE),
            entry("ip_netmask", p -> hostInNetwork(p) ? p.v.ipText() + " " + text(p, p.v.netmask()) : PyNone.NONE),
            entry("ipv4", IpAddrQuery::ipv4),
            entry("v4", IpAddrQuery::ipv4),
            entry("ipv6", IpAddrQuery::ipv6),
            entry("v6", IpAddrQuery::ipv6),
            entry("link-local", p -> p.v.address().isLinkLocal() ? p.value : PyNone.NONE),
            entry("lo", p -> p.v.isLoopbackAddress() ? p.value : PyNone.NONE),
            entry("loopback", p -> p.v.isLoopbackAddress() ? p.value : PyNone.NONE),
            entry("multicast", p -> p.v.isMulticast() ? p.value : PyNone.NONE),
            entry("unicast", p -> p.v.isMulticast() ? PyNone.NONE : p.value),
            entry("net", p -> !small(p, 1) && p.v.ip().equals(p.v.network()) ? subnet(p) : PyNone.NONE),
            entry("next_usable", p -> step(p, 1)),
            entry("previous_usable", p -> step(p, -1)),
            entry("netmask", p -> text(p, p.v.netmask())),
            entry("network", p -> text(p, p.v.network())),
            entry("network_id", p -> text(p, p.v.network())),
            entry("network/prefix", IpAddrQuery::subnet),
            entry("subnet", IpAddrQuery::subnet),
            entry("network_netmask", p -> text(p, p.v.network()) + " " + text(p, p.v.netmask())),
            entry("network_wildcard", p -> text(p, p.v.network()) + " " + text(p, p.v.hostmask())),
            entry("peer", IpAddrQuery::peer),
            entry("prefix", p -> p.v.prefix()),
            entry("private", p -> p.v.isPrivate() ? p.value : PyNone.NONE),
            entry("public", p -> isPublic(p.v) ? p.value : PyNone.NONE),
            entry("range_usable", IpAddrQuery::rangeUsable),
            entry("revdns", IpAddrQuery::reverseDns),
            entry("size", p -> PyNumbers.narrow(p.v.size())),
            entry("size_usable", p -> PyNumbers.narrow(usableSize(p.v.size()))),
            entry("type", p -> small(p, 1) || !p.v.ip().equals(p.v.network()) ? "address" : "network"),
            entry("version", p -> p.v.version()),
            entry("wrap", IpAddrQuery::wrap));

    private IpAddrQuery() {
    }

    /** ipaddr(value, query, version): version 0 takes both; alias names the filter in errors. */
    static Object ipaddr(Object value, String query, int version, String alias) {
        if (value instanceof List<?> list) {
            List<Object> answers = new ArrayList<>();
            for (Object element : list) {
                Object answer = ipaddr(element, query, version, "ipaddr");
                if (Templar.truthy(answer)) {
                    answers.add(answer);
                }
            }
            return answers;
        }
        Parsed p = parse(value, version);
        if (p == null) {
            return false;
        }
        IpNetwork lookup = null;
        if (!query.isEmpty() && !QUERIES.containsKey(query) && !DIGITS.matcher(query).matches()) {
            lookup = IpNetwork.parse(query);
        }
        if (version != 0 && p.v.version() != version) {
            return false;
        }
        if (lookup != null) {
            return lookup.contains(p.v) ? p.value : PyNone.NONE;
        }
        Query known = QUERIES.get(query);
        if (known != null) {
            return known.answer(p);
        }
        if (PyNumbers.toFloat(query, null) == null) {
            throw new TemplateException(alias + ": unknown filter type: " + query);
        }
        return nth(p, query);
    }

    /** A value as ipaddr reads it: an integer is an address, a string an address, a network or "number/prefix". */
    private static Parsed parse(Object value, int version) {
        if (!Templar.truthy(value) || Boolean.TRUE.equals(value)) {
            return null;
        }
        BigInteger number = null;
        if (value instanceof Integer || value instanceof Long) {
            number = BigInteger.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            number = big;
        } else if (value instanceof String s && DIGITS.matcher(s).matches()) {
            number = new BigInteger(s);
        }
        if (number != null) {
            if (number.signum() < 0) {
                return null;
            }
            IpNetwork v = version != 6 ? IpNetwork.of(4, number, 32) : null;
            v = v != null ? v : IpNetwork.of(6, number, 128);
            return v == null ? null : new Parsed(v, false, v.toString());
        }
        if (!(value instanceof String s)) {
            return null;
        }
        IpNetwork v = IpNetwork.parse(s);
        if (v != null) {
            return new Parsed(v, s.indexOf('/') >= 0, s);
        }
        String[] parts = s.split("/", -1);
        if (parts.length != 2) {
            return null;
        }
        BigInteger address = PyNumbers.parseInt(parts[0], 10);
        BigInteger prefix = PyNumbers.parseInt(parts[1], 10);
        if (address == null || prefix == null || prefix.bitLength() > 31) {
            return null;
        }
        v = IpNetwork.of(4, address, prefix.intValue());
        v = v != null ? v : IpNetwork.of(6, address, prefix.intValue());
        return v == null ? null : new Parsed(v, true, v.toString());
    }

    /** An integer query: the Nth address of a network (negative from its end), with the network's prefix. */
    private static Object nth(Parsed p, String query) {
        if (small(p, 1)) {
            return p.network ? p.v.toString() : p.v.ipText();
        }
        BigInteger index = PyNumbers.parseInt(query, 10);
        if (index == null || index.compareTo(p.v.size().negate()) < 0 || index.compareTo(p.v.size()) >= 0) {
            return false;
        }
        BigInteger base = index.signum() < 0 ? p.v.last().add(BigInteger.ONE) : p.v.network();
        return IpNetwork.format(p.v.version(), base.add(index)) + "/" + p.v.prefix();
    }

    private static boolean small(Parsed p, int size) {
        return p.v.size().equals(BigInteger.valueOf(size));
    }

    private static boolean big(Parsed p, int size) {
        return p.v.size().compareTo(BigInteger.valueOf(size)) > 0;
    }

    private static String text(Parsed p, BigInteger address) {
        return IpNetwork.format(p.v.version(), address);
    }

    private static Object address(Parsed p) {
        return small(p, 1) || p.v.hostMatters() || p.v.version() == 6 ? p.v.ipText() : PyNone.NONE;
    }

    private static Object addressPrefix(Parsed p) {
        boolean edge = p.v.ip().equals(p.v.network()) || p.v.ip().equals(p.v.last());
        return big(p, 2) && edge ? false : p.v.toString();
    }

    private static boolean hostInNetwork(Parsed p) {
        return small(p, 2) || big(p, 1) && !p.v.ip().equals(p.v.network());
    }

    private static Object subnet(Parsed p) {
        return text(p, p.v.network()) + "/" + p.v.prefix();
    }

    /**
     * first_usable (+1) and last_usable (-1): a /31 or /127 uses both its addresses. Written from the bare number as
     * ansible.utils does, so a low IPv6 address comes out as IPv4.
     */
    private static Object usable(Parsed p, int end) {
        requireNetwork(p);
        if (small(p, 1)) {
            return PyNone.NONE;
        }
        if (small(p, 2)) {
            return IpNetwork.formatGuessed(end > 0 ? p.v.network() : p.v.last());
        }
        BigInteger usable = end > 0 ? p.v.network().add(BigInteger.ONE) : p.v.last().subtract(BigInteger.ONE);
        return IpNetwork.formatGuessed(usable);
    }

    private static Object rangeUsable(Parsed p) {
        requireNetwork(p);
        return small(p, 1) ? PyNone.NONE : usable(p, 1) + "-" + usable(p, -1);
    }

    /** next_usable (+1) and previous_usable (-1): the neighbouring address where it is still usable. */
    private static Object step(Parsed p, int direction) {
        requireNetwork(p);
        if (small(p, 1)) {
            return PyNone.NONE;
        }
        BigInteger neighbour = p.v.ip().add(BigInteger.valueOf(direction));
        if (neighbour.signum() < 0 || neighbour.compareTo(IpNetwork.max(6)) > 0) {
            throw new TemplateException("ipaddr: " + neighbour + " is not an IP address number");
        }
        boolean pair = small(p, 2);
        BigInteger first = pair ? p.v.network() : p.v.network().add(BigInteger.ONE);
        BigInteger last = pair ? p.v.last() : p.v.last().subtract(BigInteger.ONE);
        return neighbour.compareTo(first) >= 0 && neighbour.compareTo(last) <= 0 ? IpNetwork.formatGuessed(neighbour)
                : PyNone.NONE;
    }

    private static Object peer(Parsed p) {
        requireNetwork(p);
        if (small(p, 2)) {
            return IpNetwork.formatGuessed(p.v.ip().xor(BigInteger.ONE));
        }
        if (!small(p, 4)) {
            throw new TemplateException("Not a point-to-point network");
        }
        int position = p.v.ip().intValue() & 3;
        if (position == 0) {
            throw new TemplateException("Network address of /30 has no peer");
        }
        if (position == 3) {
            throw new TemplateException("Broadcast address of /30 has no peer");
        }
        return IpNetwork.formatGuessed(p.v.ip().xor(BigInteger.valueOf(3)));
    }

    private static void requireNetwork(Parsed p) {
        if (!p.network) {
            throw new TemplateException("Not a network address");
        }
    }

    private static BigInteger usableSize(BigInteger size) {
        if (size.equals(BigInteger.ONE)) {
            return BigInteger.ZERO;
        }
        return size.equals(BigInteger.TWO) ? size : size.subtract(BigInteger.TWO);
    }

    /** The public query's test, on the address alone: unicast, not private, loopback, a netmask or a hostmask. */
    private static boolean isPublic(IpNetwork v) {
        IpNetwork a = v.address();
        return !a.isMulticast() && !a.isPrivate() && !a.isLoopbackAddress() && !a.isNetmaskAddress()
                && !a.isHostmaskAddress();
    }

    /** An IPv6 address holding an IPv4 one (compatible ::a.b.c.d or mapped ::ffff:a.b.c.d) as that IPv4 network. */
    private static Object ipv4(Parsed p) {
        if (p.v.version() == 4) {
            return p.value;
        }
        BigInteger ip = p.v.ip();
        if (ip.compareTo(MAPPED_MAX) > 0) {
            return false;
        }
        if (ip.compareTo(IpNetwork.max(4)) > 0) {
            ip = ip.subtract(MAPPED);
        }
        IpNetwork v4 = IpNetwork.of(4, ip, p.v.prefix() - 96);
        return v4 == null ? false : v4.toString();
    }

    /** An IPv4 address as its IPv4-mapped IPv6 network. */
    private static Object ipv6(Parsed p) {
        if (p.v.version() == 6) {
            return p.value;
        }
        return new IpNetwork(6, MAPPED.add(p.v.ip()), p.v.prefix() + 96).toString();
    }

    private static Object wrap(Parsed p) {
        if (p.v.version() == 4) {
            return p.value;
        }
        return p.network ? "[" + p.v.ipText() + "]/" + p.v.prefix() : "[" + p.v.ipText() + "]";
    }

    private static Object reverseDns(Parsed p) {
        List<String> labels = new ArrayList<>();
        if (p.v.version() == 4) {
            for (String octet : p.v.ipText().split("\\.")) {
                labels.add(0, octet);
            }
            return String.join(".", labels) + ".in-addr.arpa.";
        }
        String hex = String.format("%032x", p.v.ip());
        for (char nibble : hex.toCharArray()) {
            labels.add(0, String.valueOf(nibble));
        }
        return String.join(".", labels) + ".ip6.arpa.";
    }

    /** A 6to4 prefix for a public or private IPv4 host; an IPv6 value in 2002::/16 as itself. */
    private static Object sixToFour(Parsed p) {
        if (p.v.version() == 6) {
            boolean inRange = SIX_TO_FOUR.contains(p.network ? p.v.address() : p.v);
            boolean host = !p.network || !p.v.ip().equals(p.v.network());
            return inRange && host ? p.value : false;
        }
        if (!small(p, 1) && p.v.ip().equals(p.v.network())) {
            return false;
        }
        IpNetwork host = p.v.address();
        if (!isPublic(host) && !host.isPrivate()) {
            return false;
        }
        long ip = host.ip().longValue();
        return String.format("2002:%02x%02x:%02x%02x::1/48", ip >> 24 & 0xff, ip >> 16 & 0xff, ip >> 8 & 0xff, ip & 0xff);
    }
}
