package dev.playbake;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Guards the rule that tests and scripts send traffic only to loopback or to network namespaces they made: no
 * literal address other than 127.0.0.0/8, 0.0.0.0 or ::1 in what runs against the network (integration tests,
 * test fixtures, test resources, scripts, benchmarks, CI). A range (CIDR) is configuration, never contacted. Unit
 * tests are not scanned: they never open a socket, and an address there is data (a policy's ranges, an option).
 *
 * <p>One file may name addresses of a network it makes itself: scripts/kube-node creates the bridge its pods sit
 * on (their network namespaces are made by its CNI plugin) and the Service range kube-proxy maps onto that bridge,
 * and drops whatever would leave the bridge. Its addresses pass only inside those ranges, and only while the
 * script still creates the bridge and drops forwarding out of it.
 */
class LoopbackOnlyTest {

    /** A network a script makes: the ranges its addresses may fall in, and lines proving it makes and fences them. */
    private record OwnNetwork(List<String> cidrs, List<String> requiredLines) {
    }

    private static final Map<String, OwnNetwork> OWN_NETWORKS = Map.of("scripts/kube-node", new OwnNetwork(
            List.of("10.244.0.0/24", "10.96.0.0/16"),
            List.of("node_ip=10.244.0.1", "ip link add \"$bridge\" type bridge",
                    "iptables -A \"$chain\" -i \"$bridge\" -j DROP", "iptables -A \"$chain\" -o \"$bridge\" -j DROP",
                    "iptables -I FORWARD 1 -j \"$chain\"", "\"ipMasq\": false")));

    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\w.])((?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){3})(?![\\w.]|/\\d)");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("://\\[([0-9A-Fa-f:.]+)]");
    private static final List<String> ROOTS = List.of("src/test/resources", "scripts", "bench", ".ci", "examples");

    @Test
    void testsAndScriptsNameNoAddressButLoopback() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : scannedFiles()) {
            List<String> lines = lines(file);
            OwnNetwork own = OWN_NETWORKS.getOrDefault(file.toString(), new OwnNetwork(List.of(), List.of()));
            for (int i = 0; i < lines.size(); i++) {
                for (String address : addresses(lines.get(i))) {
                    if (!isLoopbackOrAny(address) && !inAny(address, own.cidrs())) {
                        offenders.add(file + ":" + (i + 1) + ": " + address);
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "tests and scripts may only address loopback (a closed port on"
                + " 127.0.0.1 stands for an unreachable host)");
    }

    @Test
    void aScriptNamingItsOwnNetworkStillMakesItAndFencesItIn() throws IOException {
        for (Map.Entry<String, OwnNetwork> entry : OWN_NETWORKS.entrySet()) {
            List<String> lines = Files.readAllLines(Path.of(entry.getKey()), StandardCharsets.UTF_8);
            for (String required : entry.getValue().requiredLines()) {
                assertEquals(true, lines.stream().anyMatch(l -> l.contains(required)),
                        entry.getKey() + " no longer has '" + required + "': its addresses are exempt only while it"
                                + " makes its network and drops what would leave it");
            }
        }
    }

    @Test
    void ownRangesCoverOnlyTheirAddresses() {
        assertEquals(true, inAny("10.244.0.17", List.of("10.244.0.0/24")));
        assertEquals(false, inAny("10.244.1.1", List.of("10.244.0.0/24")));
        assertEquals(true, inAny("10.96.255.1", List.of("10.96.0.0/16")));
        assertEquals(false, inAny("10.97.0.1", List.of("10.96.0.0/16")));
    }

    @Test
    void theScanFindsAddressesInTheFormsTheyAreWritten() {
        assertEquals(List.of("10.1.2.3", "2001:db8::1"), addresses("wait_for: {host: 10.1.2.3} http://[2001:db8::1]:80/"));
        assertEquals(List.of(), addresses("ansible-core 2.14.18, version 1.2.3.4.5, v10.1.2.3x, --range 10.0.0.0/24"));
    }

    private static List<String> addresses(String line) {
        List<String> found = new ArrayList<>();
        Matcher v4 = IPV4.matcher(line);
        while (v4.find()) {
            found.add(v4.group(1));
        }
        Matcher v6 = BRACKETED_IPV6.matcher(line);
        while (v6.find()) {
            found.add(v6.group(1));
        }
        return found;
    }

    private static boolean inAny(String address, List<String> cidrs) {
        if (address.contains(":")) {
            return false;
        }
        long value = ipv4(address);
        for (String cidr : cidrs) {
            int slash = cidr.indexOf('/');
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            if ((value & mask) == (ipv4(cidr.substring(0, slash)) & mask)) {
                return true;
            }
        }
        return false;
    }

    private static long ipv4(String dotted) {
        long value = 0;
        for (String octet : dotted.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }

    private static boolean isLoopbackOrAny(String address) {
        return address.startsWith("127.") || address.equals("0.0.0.0") || address.equals("::1") || address.equals("::");
    }

    private static List<Path> scannedFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String root : ROOTS) {
            Path dir = Path.of(root);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/results/")).forEach(files::add);
                }
            }
        }
        try (Stream<Path> walk = Files.walk(Path.of("src/test/java"))) {
            walk.filter(p -> p.toString().endsWith("IT.java") || p.toString().contains("/testing/")
                    || p.toString().contains("/compat/")).forEach(files::add);
        }
        return files;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return List.of();  // a binary fixture (an archive, a key) holds no address a test connects to
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
