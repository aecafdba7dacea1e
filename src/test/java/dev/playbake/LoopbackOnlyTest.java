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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Guards the rule that tests and scripts send traffic only to loopback or to network namespaces they made: no
 * literal address other than 127.0.0.0/8, 0.0.0.0 or ::1 in what runs against the network (integration tests,
 * test fixtures, test resources, scripts, benchmarks, CI). A range (CIDR) is configuration, never contacted. Unit
 * tests are not scanned: they never open a socket, and an address there is data (a policy's ranges, an option).
 */
class LoopbackOnlyTest {

    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\w.])((?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){3})(?![\\w.]|/\\d)");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("://\\[([0-9A-Fa-f:.]+)]");
    private static final List<String> ROOTS = List.of("src/test/resources", "scripts", "bench", ".ci", "examples");

    @Test
    void testsAndScriptsNameNoAddressButLoopback() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : scannedFiles()) {
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                for (String address : addresses(lines.get(i))) {
                    if (!isLoopbackOrAny(address)) {
                        offenders.add(file + ":" + (i + 1) + ": " + address);
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "tests and scripts may only address loopback (a closed port on"
                + " 127.0.0.1 stands for an unreachable host)");
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
