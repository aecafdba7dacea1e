package dev.playbake.imagebuild;

/** Runs builds; {@link ImageBuilder} is the real one, over a container runtime. */
public interface Builder {

    /**
     * Runs one build to its end and never throws for a build's own failure: that is a
     * {@link BuildResult.Failed}. The working container is gone when this returns.
     */
    BuildResult build(BuildRequest request, BuildListener listener, CancellationSignal cancellation);
}
