package dev.playbake.imagebuild.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The layer cache's side of fetched files: a snapshot (or finished image) past a fetch may only be
 * used when the store can give its files back; using it puts them in the artifact folder; taking
 * one saves the build's files and names them in its {@link Labels#ARTIFACTS} label.
 */
public final class ArtifactCache {

    /** The label of a finished image whose files could not be kept: it is never reused. */
    public static final String UNAVAILABLE = "unavailable";

    private final Optional<BuildArtifacts> folder;
    private final Optional<ArtifactStore> store;
    private final Map<String, ArtifactManifest> loaded = new HashMap<>();

    public ArtifactCache(Optional<BuildArtifacts> folder, Optional<ArtifactStore> store) {
        this.folder = folder;
        this.store = store;
    }

    /** Whether a build may resume from an image with this label. */
    public boolean usable(String label) {
        // a build without a folder cannot fetch (ModuleSupport refuses it), so it has nothing to give back
        if (label.isEmpty() || folder.isEmpty()) {
            return true;
        }
        Optional<ArtifactManifest> manifest = store.flatMap(s -> s.load(label));
        manifest.ifPresent(m -> loaded.put(label, m));
        return manifest.isPresent();
    }

    /** Puts the files an image's label names into the artifact folder; only for a label found {@link #usable}. */
    public void restore(String label) {
        if (label.isEmpty() || folder.isEmpty()) {
            return;
        }
        ArtifactManifest manifest = loaded.get(label);
        if (manifest == null) {
            throw new IllegalStateException("restoring artifacts " + label + " that were not checked");
        }
        folder.get().restore(manifest, store.orElseThrow());
    }

    /**
     * The label for an image taken now: empty text when the build has fetched nothing, else the
     * digest of its files once they are saved; empty when they cannot be saved (no store, or a file
     * changed in the folder since the build wrote it).
     */
    public Optional<String> label() {
        if (folder.isEmpty() || folder.get().manifest().isEmpty()) {
            return Optional.of("");
        }
        return store.flatMap(s -> s.save(folder.get().manifest(), folder.get().root()));
    }

    /** Whether the build has fetched anything. */
    public boolean holdsFiles() {
        return folder.isPresent() && !folder.get().manifest().isEmpty();
    }
}
