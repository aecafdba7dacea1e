package dev.playbake.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The text forms of IP addresses as Python's netaddr reads and writes them through the C library: inet_pton (strict),
 * inet_aton (the lax IPv4 forms {@code IPAddress()} takes), inet_ntop's IPv6 compression, netaddr's partial IPv4.
 */
final class IpText {

    private IpText() {
    }

    /** glibc's inet_pton(AF_INET): four decimal octets, no leading zeros, nothing else; null otherwise. */
    static BigInteger pton4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return null;
        }
        long value = 0;
        for (String octet : octets) {
            if (!octet.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(octet) > 255) {
                return null;
            }
            value = value << 8 | Integer.parseInt(octet);
        }
        return BigInteger.valueOf(value);
    }

    /** glibc's inet_pton(AF_INET6): hex words, one {@code ::} at most, a dotted IPv4 tail; null otherwise. */
    static BigInteger pton6(String text) {
        int gap = text.indexOf("::");
        if (text.isEmpty() || text.contains(":::") || gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        boolean ipv4InHead = gap < 0;
        List<Integer> first = words(head, ipv4InHead);
        List<Integer> last = words(tail, !ipv4InHead);
        if (first == null || last == null) {
            return null;
        }
        int count = first.size() + last.size();
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        BigInteger value = BigInteger.ZERO;
        for (int word : first) {
            value = value.shiftLeft(16).or(BigInteger.valueOf(word));
        }
        value = value.shiftLeft(16 * (8 - count));
        for (int word : last) {
            value = value.shiftLeft(16).or(BigInteger.valueOf(word));
        }
        return value;
    }

    /** The 16-bit words of one side of an IPv6 address; a dotted IPv4 address may only end the whole address. */
    private static List<Integer> words(String side, boolean endsAddress) {
        List<Integer> words = new ArrayList<>();
        if (side.isEmpty()) {
            return words;
        }
        String[] groups = side.split(":", -1);
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (i == groups.length - 1 && endsAddress && group.contains(".")) {
                BigInteger ipv4 = pton4(group);
                if (ipv4 == null) {
                    return null;
                }
                words.add(ipv4.intValue() >>> 16);
                words.add(ipv4.intValue() & 0xffff);
            } else if (group.matches("[0-9a-fA-F]{1,4}")) {
                words.add(Integer.parseInt(group, 16));
            } else {
                return null;
            }
        }
        return words;
    }

    /**
     * netaddr's IPv4 network address: inet_pton, else the partial form ({@code 10}, {@code 192.168}, {@code 010.1})
     * it expands with Python's int() of each part and zeros after; null if neither.
     */
    static BigInteger partial4(String text) {
        BigInteger strict = pton4(text);
        if (strict != null || text.contains(":")) {
            return strict;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        List<String> octets = new ArrayList<>();
        for (String part : parts) {
            BigInteger octet = PyNumbers.parseInt(part, 10);
            if (octet == null) {
                return null;
            }
            octets.add(octet.toString());
        }
        while (octets.size() < 4) {
            octets.add("0");
        }
        return pton4(String.join(".", octets));
    }

    /**
     * glibc's inet_aton, which netaddr's {@code IPAddress()} uses for IPv4: one to four parts, each decimal, octal
     * ({@code 010}) or hex ({@code 0x0a}), the last filling the remaining bytes; after it only a space and anything.
     */
    static BigInteger aton(String text) {
        List<Long> parts = new ArrayList<>();
        int i = 0;
        while (true) {
            if (i >= text.length() || !isDigit(text.charAt(i))) {
                return null;
            }
            int radix = 10;
            int start = i;
            if (text.charAt(i) == '0') {
                radix = 8;
                if (i + 1 < text.length() && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')
                        && i + 2 < text.length() && Character.digit(text.charAt(i + 2), 16) >= 0) {
                    radix = 16;
                    i += 2;
                    start = i;
                }
            }
            while (i < text.length() && Character.digit(text.charAt(i), radix) >= 0 && text.charAt(i) < 128) {
                i++;
            }
            BigInteger part = new BigInteger(text.substring(start, i), radix);
            if (part.bitLength() > 32) {
                return null;
            }
            parts.add(part.longValue());
            if (i < text.length() && text.charAt(i) == '.') {
                if (parts.size() > 3 || part.longValue() > 0xff) {
                    return null;
                }
                i++;
            } else {
                break;
            }
        }
        if (i < text.length() && " \t\n\u000b\f\r".indexOf(text.charAt(i)) < 0) {
            return null;
        }
        long last = parts.get(parts.size() - 1);
        int lastBits = 8 * (5 - parts.size());
        if (last >= 1L << lastBits) {
            return null;
        }
        long value = 0;
        for (int p = 0; p < parts.size() - 1; p++) {
            value |= parts.get(p) << (24 - 8 * p);
        }
        return BigInteger.valueOf(value | last);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The dotted-quad form of a 32-bit value. */
    static String ntop4(BigInteger value) {
        long v = value.longValue();
        return (v >> 24 & 0xff) + "." + (v >> 16 & 0xff) + "." + (v >> 8 & 0xff) + "." + (v & 0xff);
    }

    /**
     * glibc's inet_ntop(AF_INET6): lowercase hex words, the first longest run of two or more zero words as
     * {@code ::}, and the IPv4-compatible and IPv4-mapped forms with a dotted tail.
     */
    static String ntop6(BigInteger value) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = value.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        int bestBase = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestBase = i;
                bestLength = j - i;
            }
            i = j;
        }
        if (bestLength < 2) {
            bestBase = -1;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLength) {
                if (i == bestBase) {
                    text.append(':');
                }
                continue;
            }
            if (i != 0) {
                text.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLength == 6 || bestLength == 5 && words[5] == 0xffff)) {
                text.append(ntop4(value.and(BigInteger.valueOf(0xffffffffL))));
                return text.toString();
            }
            text.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLength == 8) {
            text.append(':');
        }
        return text.toString();
    }
}
