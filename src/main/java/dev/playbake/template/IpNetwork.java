package dev.playbake.template;

import java.math.BigInteger;
import java.util.List;

/**
 * An address with a prefix length, as netaddr's {@code IPNetwork} holds it: the address keeps its host bits
 * ({@code 192.0.2.5/24}), the network and broadcast are derived.
 */
record IpNetwork(int version, BigInteger ip, int prefix) {

    private static final List<IpNetwork> IPV4_PRIVATE = List.of(
            cidr("10.0.0.0/8"), cidr("100.64.0.0/10"), cidr("172.16.0.0/12"), cidr("192.0.0.0/24"),
            cidr("192.168.0.0/16"), cidr("198.18.0.0/15"), cidr("239.0.0.0/8"));
    private static final List<IpNetwork> IPV6_PRIVATE = List.of(cidr("fc00::/7"), cidr("fec0::/10"));
    private static final IpNetwork IPV4_LINK_LOCAL = cidr("169.254.0.0/16");
    private static final IpNetwork IPV6_LINK_LOCAL = cidr("fe80::/10");
    private static final IpNetwork IPV4_MULTICAST = cidr("224.0.0.0/4");
    private static final IpNetwork IPV6_MULTICAST = cidr("ff00::/8");
    private static final IpNetwork IPV4_LOOPBACK = cidr("127.0.0.0/8");

    /**
     * netaddr's {@code IPNetwork(text)}: IPv4 (strict, else partial) then IPv6; an optional {@code /} and a prefix
     * length, a netmask or a hostmask. Null where netaddr raises.
     */
    static IpNetwork parse(String text) {
        IpNetwork v4 = parse(4, text);
        return v4 != null ? v4 : parse(6, text);
    }

    private static IpNetwork parse(int version, String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        BigInteger ip = version == 4 ? IpText.partial4(address) : IpText.pton6(address);
        if (ip == null) {
            return null;
        }
        int width = width(version);
        if (slash < 0) {
            return new IpNetwork(version, ip, width);
        }
        String suffix = text.substring(slash + 1);
        BigInteger length = PyNumbers.parseInt(suffix, 10);
        if (length == null) {
            BigInteger mask = version == 4 ? IpText.pton4(suffix) : IpText.pton6(suffix);
            if (mask == null) {
                return null;
            }
            length = BigInteger.valueOf(maskPrefix(version, mask));
            if (length.signum() < 0) {
                return null;
            }
        }
        if (length.signum() < 0 || length.compareTo(BigInteger.valueOf(width)) > 0) {
            return null;
        }
        return new IpNetwork(version, ip, length.intValue());
    }

    /** The prefix length a netmask ({@code 255.255.255.0}) or else a hostmask ({@code 0.0.0.255}) stands for; -1 if neither. */
    private static int maskPrefix(int version, BigInteger mask) {
        int width = width(version);
        BigInteger inverted = mask.xor(max(version));
        if (isPowerOfTwoOrZero(inverted.add(BigInteger.ONE))) {
            return width - inverted.bitLength();
        }
        if (isPowerOfTwoOrZero(mask.add(BigInteger.ONE))) {
            return width - mask.bitLength();
        }
        return -1;
    }

    private static boolean isPowerOfTwoOrZero(BigInteger n) {
        return n.and(n.subtract(BigInteger.ONE)).signum() == 0;
    }

    private static IpNetwork cidr(String text) {
        return parse(text);
    }

    /** An address or network of a version from its number, null where the number does not fit. */
    static IpNetwork of(int version, BigInteger ip, int prefix) {
        if (ip.signum() < 0 || ip.compareTo(max(version)) > 0 || prefix < 0 || prefix > width(version)) {
            return null;
        }
        return new IpNetwork(version, ip, prefix);
    }

    /** netaddr's {@code str(IPAddress(n))}, which takes a number up to 2^32-1 for IPv4, whatever network it came from. */
    static String formatGuessed(BigInteger ip) {
        return ip.compareTo(max(4)) <= 0 ? IpText.ntop4(ip) : IpText.ntop6(ip);
    }

    static int width(int version) {
        return version == 4 ? 32 : 128;
    }

    static BigInteger max(int version) {
        return BigInteger.ONE.shiftLeft(width(version)).subtract(BigInteger.ONE);
    }

    /** An address in netaddr's text: dotted quad, or inet_ntop's compressed IPv6. */
    static String format(int version, BigInteger ip) {
        return version == 4 ? IpText.ntop4(ip) : IpText.ntop6(ip);
    }

    int width() {
        return width(version);
    }

    BigInteger size() {
        return BigInteger.ONE.shiftLeft(width() - prefix);
    }

    BigInteger netmask() {
        return max(version).xor(hostmask());
    }

    BigInteger hostmask() {
        return BigInteger.ONE.shiftLeft(width() - prefix).subtract(BigInteger.ONE);
    }

    BigInteger network() {
        return ip.and(netmask());
    }

    /** The last address: what netaddr calls the broadcast, where it has one. */
    BigInteger last() {
        return network().or(hostmask());
    }

    /** netaddr 0.8 (Debian 12's) gives an IPv4 /31 or /32 no broadcast, and every IPv6 network one. */
    boolean hasBroadcast() {
        return version == 6 || width() - prefix > 1;
    }

    /** Whether the address is a host of its network: not the network address, or a network with no broadcast. */
    boolean hostMatters() {
        return !ip.equals(network()) || !hasBroadcast();
    }

    /** The address alone, as a network of one. */
    IpNetwork address() {
        return new IpNetwork(version, ip, width());
    }

    /** Whether every address of {@code other} lies in this network (netaddr's {@code other in self}). */
    boolean contains(IpNetwork other) {
        return version == other.version && prefix <= other.prefix
                && other.network().compareTo(network()) >= 0 && other.last().compareTo(last()) <= 0;
    }

    boolean isPrivate() {
        List<IpNetwork> ranges = version == 4 ? IPV4_PRIVATE : IPV6_PRIVATE;
        return ranges.stream().anyMatch(r -> r.contains(this)) || isLinkLocal();
    }

    boolean isLinkLocal() {
        return (version == 4 ? IPV4_LINK_LOCAL : IPV6_LINK_LOCAL).contains(this);
    }

    boolean isMulticast() {
        return (version == 4 ? IPV4_MULTICAST : IPV6_MULTICAST).contains(this);
    }

    /** netaddr's IPAddress.is_loopback: 127.0.0.0/8, or exactly ::1. */
    boolean isLoopbackAddress() {
        return version == 4 ? IPV4_LOOPBACK.contains(address()) : ip.equals(BigInteger.ONE);
    }

    /** netaddr's is_netmask of the address alone: ones then zeros. */
    boolean isNetmaskAddress() {
        return isPowerOfTwoOrZero(ip.xor(max(version)).add(BigInteger.ONE));
    }

    /** netaddr's is_hostmask of the address alone: zeros then ones. */
    boolean isHostmaskAddress() {
        return isPowerOfTwoOrZero(ip.add(BigInteger.ONE));
    }

    String ipText() {
        return format(version, ip);
    }

    @Override
    public String toString() {
        return ipText() + "/" + prefix;
    }
}
