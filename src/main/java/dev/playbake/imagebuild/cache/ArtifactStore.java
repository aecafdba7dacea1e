package dev.playbake.imagebuild.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Copies of fetched files kept on the host, so a build that resumes past a fetch from the cache still
 * hands its files over (the layer cache for the container, this for the host). Content-addressed:
 * {@code blobs/<sha256>} holds a file, {@code manifests/<digest>.json} an {@link ArtifactManifest}
 * that a snapshot or finished image names in its {@link Labels#ARTIFACTS} label.
 */
public final class ArtifactStore {

    private static final String HEX = "[0-9a-f]{64}";

    private final Path root;

    public ArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Keeps the manifest and every file it names, copied from the artifact folder; returns the
     * manifest's digest, or empty when a file there no longer holds what the manifest says (someone
     * changed it during the build), as such a snapshot could not give the files back.
     */
    public Optional<String> save(ArtifactManifest manifest, Path folder) {
        try {
            for (Map.Entry<String, String> file : manifest.files().entrySet()) {
                Path blob = blob(file.getValue());
                if (Files.isRegularFile(blob)) {
                    continue;
                }
                Files.createDirectories(blob.getParent());
                Path temp = Files.createTempFile(blob.getParent(), "blob", ".tmp");
                String sha;
                try (InputStream in = new DigestInputStream(Files.newInputStream(folder.resolve(file.getKey())),
                        sha256())) {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                    sha = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
                }
                if (!sha.equals(file.getValue())) {
                    Files.delete(temp);
                    return Optional.empty();
                }
                Files.move(temp, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            String digest = manifest.digest();
            Path path = manifest(digest);
            if (!Files.isRegularFile(path)) {
                Files.createDirectories(path.getParent());
                Path temp = Files.createTempFile(path.getParent(), "manifest", ".tmp");
                Files.writeString(temp, manifest.json(), StandardCharsets.UTF_8);
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return Optional.of(digest);
        } catch (IOException e) {
            return Optional.empty();  // a cache that cannot keep the files is a miss later, never a wrong result
        }
    }

    /** The manifest with this digest, when it and every file it names are here with the right content. */
    public Optional<ArtifactManifest> load(String digest) {
        if (!digest.matches(HEX)) {
            return Optional.empty();
        }
        try {
            ArtifactManifest manifest = ArtifactManifest.parse(Files.readString(manifest(digest), StandardCharsets.UTF_8));
            if (!manifest.digest().equals(digest)) {
                return Optional.empty();
            }
            for (String sha : manifest.files().values()) {
                if (!sha.matches(HEX) || !Files.isRegularFile(blob(sha)) || !sha.equals(sha256(blob(sha)))) {
                    return Optional.empty();
                }
            }
            return Optional.of(manifest);
        } catch (IOException e) {
            return Optional.empty();  // missing or damaged: the snapshot that names it is not used
        }
    }

    /** Where the file with this SHA-256 is kept. */
    public Path blob(String sha256) {
        return root.resolve("blobs").resolve(sha256);
    }

    /**
     * Removes the manifests no image names any more ({@code inUse}: the {@link Labels#ARTIFACTS}
     * values still on the Docker host) and the files no kept manifest names; returns how many files
     * went.
     */
    public int prune(Set<String> inUse) {
        Set<String> kept = new HashSet<>();
        for (Path manifest : list(root.resolve("manifests"))) {
            String digest = manifest.getFileName().toString().replaceFirst("\\.json$", "");
            if (!inUse.contains(digest)) {
                delete(manifest);
                continue;
            }
            try {
                kept.addAll(ArtifactManifest.parse(Files.readString(manifest, StandardCharsets.UTF_8)).files().values());
            } catch (IOException e) {
                delete(manifest);  // unreadable: no build can restore from it
            }
        }
        int removed = 0;
        for (Path blob : list(root.resolve("blobs"))) {
            if (!kept.contains(blob.getFileName().toString())) {
                delete(blob);
                removed++;
            }
        }
        return removed;
    }

    private Path manifest(String digest) {
        return root.resolve("manifests").resolve(digest + ".json");
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
