package dev.playbake.imagebuild;

import java.util.Optional;

/**
 * Asked once per build, right before it tags and pushes: a process that may have lost the right to publish (an
 * operator replica whose leader lease ran out while it was frozen) must not overwrite the image another one builds.
 */
@FunctionalInterface
public interface PublishGate {

    /** Always open: a process that is the only one building what it builds (the CLI). */
    PublishGate OPEN = Optional::empty;

    /** Why this build must not tag or push now; empty when it may. */
    Optional<String> refusal();
}
