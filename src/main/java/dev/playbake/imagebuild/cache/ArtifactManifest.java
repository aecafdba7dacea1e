package dev.playbake.imagebuild.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files a build has fetched into its artifact folder so far: path in the folder → SHA-256 of
 * the content. Its digest names it in the {@link ArtifactStore} and in snapshot labels.
 *
 * @param files path relative to the artifact folder → SHA-256 of its content, sorted by path
 */
public record ArtifactManifest(SortedMap<String, String> files) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ArtifactManifest {
        files = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** The canonical text: JSON with the paths in order. */
    public String json() {
        try {
            return JSON.writeValueAsString(files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String digest() {
        return CacheKeys.sha256(json());
    }

    /** Reads what {@link #json()} wrote. */
    public static ArtifactManifest parse(String json) throws JsonProcessingException {
        Map<String, String> files = JSON.readValue(json, new TypeReference<TreeMap<String, String>>() { });
        return new ArtifactManifest(new TreeMap<>(files));
    }
}
