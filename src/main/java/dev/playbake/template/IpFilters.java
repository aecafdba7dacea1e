package dev.playbake.template;

import com.hubspot.jinjava.lib.filter.Filter;
import dev.playbake.python.PyStrings;
import dev.playbake.python.PyTuple;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ansible.utils' IP filters ({@code ipaddr}, {@code ipv4}, {@code ipv6}, {@code ipwrap}, {@code ipmath}): the
 * arguments checked and converted as their argument specs do, then {@link IpAddrQuery}. Ansible 2.14 routes the bare
 * names through ansible.netcommon to these, so they replace jinjava's own {@code ipaddr}.
 */
final class IpFilters {

    private IpFilters() {
    }

    static List<Filter> filters() {
        return List.of(
                new SimpleFilter("ipaddr", (value, args, kwargs) -> {
                    only(kwargs, "ipaddr", "query", "version", "alias");
                    String alias = String.valueOf(argument(args, kwargs, 2, "alias", "ipaddr"));
                    requireType(value, alias);
                    return IpAddrQuery.ipaddr(value, query(argument(args, kwargs, 0, "query", ""), alias),
                            version(argument(args, kwargs, 1, "version", null)), alias);
                }),
                versionFilter("ipv4", 4),
                versionFilter("ipv6", 6),
                new SimpleFilter("ipwrap", (value, args, kwargs) -> {
                    // its plugin reads no positional argument; a query only by keyword
                    only(kwargs, "ipwrap", "query");
                    if (!(value instanceof String || value instanceof Boolean || isList(value))) {
                        throw unrecognized(value, "ipwrap");
                    }
                    return ipwrap(value, query(kwargs.getOrDefault("query", ""), "ipwrap"));
                }),
                new SimpleFilter("ipmath", (value, args, kwargs) -> {
                    only(kwargs, "ipmath", "amount");
                    Object amount = argument(args, kwargs, 0, "amount", null);
                    if (amount == null) {
                        throw new TemplateException("ipmath: missing required arguments: amount");
                    }
                    return ipmath(value, amount);
                }));
    }

    /** ipv4 and ipv6: ipaddr for one version; their plugins read one positional argument, the query. */
    private static Filter versionFilter(String name, int version) {
        return new SimpleFilter(name, (value, args, kwargs) -> {
            only(kwargs, name, "query");
            requireType(value, name);
            return IpAddrQuery.ipaddr(value, query(argument(args, kwargs, 0, "query", ""), name), version, name);
        });
    }

    /** ipwrap: IPv6 addresses in brackets, everything else as it came (a list's non-addresses too). */
    static Object ipwrap(Object value, String query) {
        try {
            if (value instanceof List<?> list) {
                return list.stream().map(element -> Templar.truthy(IpAddrQuery.ipaddr(element, query, 0, "ipwrap"))
                        ? IpAddrQuery.ipaddr(element, "wrap", 0, "ipaddr") : element).toList();
            }
            Object normal = IpAddrQuery.ipaddr(value, query, 0, "ipwrap");
            return Templar.truthy(normal) ? IpAddrQuery.ipaddr(normal, "wrap", 0, "ipaddr") : value;
        } catch (TemplateException e) {
            // ansible.utils' ipwrap answers the value itself where ipaddr fails
            return value;
        }
    }

    /** ipmath: the address (of a network too) plus an integer, in the same version. */
    static String ipmath(Object value, Object amount) {
        String text = value instanceof Integer || value instanceof Long || value instanceof BigInteger
                ? value.toString() : value instanceof String s ? s : null;
        if (text == null) {
            throw new TemplateException("ipmath: value must be a string, not " + FilterValues.typeName(value));
        }
        BigInteger steps = integer(amount);
        if (steps == null) {
            throw new TemplateException("You must pass an integer for arithmetic; " + PyStrings.str(amount)
                    + " is not a valid integer");
        }
        IpNetwork address = address(text);
        if (address == null) {
            throw new TemplateException("You must pass a valid IP address; " + text + " is invalid");
        }
        BigInteger result = address.ip().add(steps);
        if (result.signum() < 0 || result.compareTo(IpNetwork.max(address.version())) > 0) {
            throw new TemplateException("ipmath: " + text + " + " + steps + " is outside the IPv"
                    + address.version() + " addresses (result outside valid IP address boundary!)");
        }
        return IpNetwork.format(address.version(), result);
    }

    /** netaddr's IPNetwork(text).ip with a slash, else IPAddress(text): inet_aton's IPv4 forms or an IPv6 address. */
    private static IpNetwork address(String text) {
        if (text.contains("/")) {
            return IpNetwork.parse(text);
        }
        BigInteger v4 = IpText.aton(text);
        if (v4 != null) {
            return new IpNetwork(4, v4, 32);
        }
        BigInteger v6 = IpText.pton6(text);
        return v6 == null ? null : new IpNetwork(6, v6, 128);
    }

    /** The argument spec's int: an integer (a bool is one) or a string Python's int() reads. */
    private static BigInteger integer(Object value) {
        if (value instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (value instanceof Integer || value instanceof Long) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return big;
        }
        return value instanceof String s ? PyNumbers.parseInt(s, 10) : null;
    }

    /** The argument spec's str for the query: a string, or a number or bool as Python's str() writes it. */
    private static String query(Object query, String filter) {
        if (query instanceof String s) {
            return s;
        }
        if (query instanceof Number || query instanceof Boolean) {
            return PyStrings.str(query);
        }
        throw new TemplateException(filter + ": the query must be a string or a number, not "
                + FilterValues.typeName(query));
    }

    private static int version(Object version) {
        if (version == null) {
            return 0;
        }
        BigInteger number = integer(version);
        if (number == null || !(number.intValue() == 4 || number.intValue() == 6) || number.bitLength() > 31) {
            throw new TemplateException("ipaddr: version must be 4 or 6, not " + PyStrings.str(version));
        }
        return number.intValue();
    }

    private static Object argument(Object[] args, Map<String, Object> kwargs, int index, String name, Object fallback) {
        if (args.length > index) {
            return args[index];
        }
        return kwargs.getOrDefault(name, fallback);
    }

    private static void only(Map<String, Object> kwargs, String filter, String... names) {
        Set<String> known = Set.of(names);
        for (String name : kwargs.keySet()) {
            if (!known.contains(name)) {
                throw new TemplateException(filter + ": unsupported parameter " + name + " (it takes "
                        + String.join(", ", names) + ")");
            }
        }
    }

    /** The plugins take a string, a list or an integer (a bool being one); anything else is refused. */
    private static void requireType(Object value, String filter) {
        boolean integer = value instanceof Integer || value instanceof Long || value instanceof BigInteger
                || value instanceof Boolean;
        if (!(value instanceof String || isList(value) || integer)) {
            throw unrecognized(value, filter);
        }
    }

    private static boolean isList(Object value) {
        return value instanceof List && !(value instanceof PyTuple);
    }

    private static TemplateException unrecognized(Object value, String filter) {
        return new TemplateException("Unrecognized type <class '" + FilterValues.typeName(value) + "'> for " + filter
                + " filter <value>");
    }
}
