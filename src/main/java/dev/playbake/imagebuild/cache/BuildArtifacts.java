package dev.playbake.imagebuild.cache;

import dev.playbake.modules.ArtifactFolder;
import dev.playbake.modules.ModuleException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * One build's artifact folder on the host: {@code fetch} writes here, only here (never through a
 * link that leads elsewhere), and the build remembers every file it wrote or found already right,
 * so its snapshots can name them ({@link ArtifactManifest}).
 */
public final class BuildArtifacts implements ArtifactFolder {

    private final Path root;
    private final TreeMap<String, String> written = new TreeMap<>();

    public BuildArtifacts(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** What this build has put in the folder so far. */
    public ArtifactManifest manifest() {
        return new ArtifactManifest(written);
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(resolve(path));
    }

    @Override
    public boolean write(String path, byte[] content) {
        String sha = CacheKeys.sha256(content);
        Path file = resolve(path);
        requireNoLink(path);
        try {
            boolean same = Files.isRegularFile(file) && Files.size(file) == content.length
                    && Arrays.equals(Files.readAllBytes(file), content);
            if (!same) {
                Files.createDirectories(file.getParent());
                Path temp = Files.createTempFile(file.getParent(), ".fetch", ".tmp");
                Files.write(temp, content);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            written.put(path, sha);
            return !same;
        } catch (IOException e) {
            throw new ModuleException("could not write " + file + ": " + e.getMessage());
        }
    }

    /** Puts back the files of a manifest from the store: what the cached steps had fetched. */
    public void restore(ArtifactManifest manifest, ArtifactStore store) {
        for (var file : manifest.files().entrySet()) {
            Path target = resolve(file.getKey());
            requireNoLink(file.getKey());
            try {
                Files.createDirectories(target.getParent());
                Path temp = Files.createTempFile(target.getParent(), ".fetch", ".tmp");
                Files.copy(store.blob(file.getValue()), temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new ModuleException("could not restore " + target + " from the artifact store: " + e.getMessage());
            }
            written.put(file.getKey(), file.getValue());
        }
    }

    /** The path in the folder; {@link dev.playbake.modules.files.FetchDestination} confined it, this makes sure. */
    private Path resolve(String path) {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new ModuleException("'" + path + "' is not a file inside the artifact folder " + root);
        }
        return file;
    }

    /** Refuses a link anywhere below the root on the way to the file: it could lead out of the folder. */
    private void requireNoLink(String path) {
        Path current = root;
        for (Path part : Path.of(path)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new ModuleException("the artifact folder holds a link at " + current
                        + ", and fetch does not write through links");
            }
        }
    }
}
