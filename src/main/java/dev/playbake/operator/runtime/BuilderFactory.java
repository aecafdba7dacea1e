package dev.playbake.operator.runtime;

import dev.playbake.imagebuild.Builder;

/** Makes the Builder that runs builds on one Docker host. */
public interface BuilderFactory {

    /**
     * @param name the host's name in the configuration
     * @param uri  the Docker host's URI
     */
    Builder builderFor(String name, String uri);
}
