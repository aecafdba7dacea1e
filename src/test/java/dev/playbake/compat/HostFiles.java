package dev.playbake.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files fetch left on the host, compared: a case's {@code host-files} names the folders (relative
 * to the playbook) its fetch tasks write to, which must hold the same files with the same content
 * under Ansible (beside the playbook) and playbake (in its artifact folder).
 */
final class HostFiles {

    private HostFiles() {
    }

    /** The folders a case's {@code host-files} lists; none when it has no such file. */
    static List<String> folders(Path caseDir) throws IOException {
        Path file = caseDir.resolve("host-files");
        return Files.exists(file) ? Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList()
                : List.of();
    }

    /** One line per file missing on a side or with other content. */
    static List<String> differences(Path ansible, Path playbake) throws IOException {
        Map<String, String> left = tree(ansible);
        Map<String, String> right = tree(playbake);
        TreeSet<String> paths = new TreeSet<>(left.keySet());
        paths.addAll(right.keySet());
        List<String> differences = new ArrayList<>();
        for (String path : paths) {
            String a = left.getOrDefault(path, "missing");
            String b = right.getOrDefault(path, "missing");
            if (!a.equals(b)) {
                differences.add(path + ": " + a + ", " + b);
            }
        }
        return differences;
    }

    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), sha256(Files.readAllBytes(file)));
            }
        }
        return files;
    }

    private static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
