package dev.playbake.imagebuild.cache;

/** The one label scheme (docs/architecture.md, "Labels"): how containers, snapshots and images are found again. */
public final class Labels {

    /** The build a container belongs to. */
    public static final String BUILD = "playbake.dev/build";
    /** Who started the build: {@code namespace/name} or {@code cli}. */
    public static final String OWNER = "playbake.dev/owner";
    /** For CLI builds: {@code host:pid} of the process, so a later run can tell when it is gone. */
    public static final String PROCESS = "playbake.dev/process";
    /** A snapshot's cache key. */
    public static final String CACHE_KEY = "playbake.dev/cache-key";
    /**
     * The repository of the image a snapshot's build makes ({@code registry.example.com/team/web}), so {@code
     * playbake cache} can list and prune one image's snapshots; not part of the key, so images share snapshots.
     */
    public static final String IMAGE = "playbake.dev/image";
    /** The engine state a snapshot restores (JSON). */
    public static final String STATE = "playbake.dev/state";
    /** Which step a snapshot follows, for people. */
    public static final String STEP = "playbake.dev/step";
    /**
     * The digest of the manifest of the files a build had fetched to the host when it made a snapshot
     * or a finished image, kept in the {@link ArtifactStore}; absent when it had fetched none.
     */
    public static final String ARTIFACTS = "playbake.dev/artifacts";
    /** The key of a finished image, so an unchanged build reuses it (same image ID). */
    public static final String IMAGE_KEY = "playbake.dev/image-key";
    /** Marks a failed build's container kept for inspection ({@code true}), so it can be found and removed later. */
    public static final String DEBUG_IMAGE = "playbake.dev/debug-image";
    /** The cache scope a snapshot serves (for the operator, the ImageBuild's namespace), for people. */
    public static final String CACHE_SCOPE = "playbake.dev/cache-scope";
    /** Labels of the final image: what it was built from. */
    public static final String PLAYBOOK_SHA = "playbake.dev/playbook-sha256";
    public static final String BASE_IMAGE = "playbake.dev/base-image";

    private Labels() {
    }
}
