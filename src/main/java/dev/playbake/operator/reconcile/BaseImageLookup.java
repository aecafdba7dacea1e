package dev.playbake.operator.reconcile;

import dev.playbake.image.RegistryCredentials;

import java.util.Optional;

/** Asks a base image's registry which digest a reference names now, without pulling it. */
@FunctionalInterface
public interface BaseImageLookup {

    /**
     * One look, with exactly these credentials (the ImageBuild's own for that registry, or none); never throws: a
     * registry or host that fails is a {@link BaseImageCheck.Failed}.
     */
    BaseImageCheck lookup(String reference, Optional<RegistryCredentials> credentials);
}
