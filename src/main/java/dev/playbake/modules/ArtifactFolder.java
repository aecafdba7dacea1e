package dev.playbake.modules;

/**
 * The host folder {@code fetch} writes to: the build's artifact folder. Paths are relative to it
 * and already confined to it ({@link FetchDestination}).
 */
public interface ArtifactFolder {

    /** Whether the path names an existing directory in the folder. */
    boolean isDirectory(String path);

    /**
     * Makes the file at {@code path} hold {@code content}, creating its parent directories; true when
     * it was missing or differed. The build remembers every file written or confirmed, for its cache.
     */
    boolean write(String path, byte[] content);
}
