package dev.playbake.operator.reconcile;

import dev.playbake.api.v1alpha1.ImageBuild;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;

import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An index of JOSDK's ImageBuild cache by the ConfigMaps (or the Secrets) each ImageBuild names, which maps one
 * such object to exactly the ImageBuilds of its namespace that read it: JOSDK's pattern for many primaries that
 * refer to one secondary (an indexer on the primary cache, the SecondaryToPrimaryMapper a lookup in it, the
 * PrimaryToSecondaryMapper read from the spec).
 */
final class ReferenceIndex {

    private final IndexedResourceCache<ImageBuild> builds;
    private final String name;
    private final Function<InputReferences, Set<String>> named;

    private ReferenceIndex(IndexedResourceCache<ImageBuild> builds, String name,
                           Function<InputReferences, Set<String>> named) {
        this.builds = builds;
        this.name = name;
        this.named = named;
    }

    /**
     * Adds the index to the cache; before the controller starts, so that the cache indexes every ImageBuild.
     *
     * @param name  the index's name, unique among the cache's indexes
     * @param named which of an ImageBuild's references this index is by
     */
    static ReferenceIndex register(IndexerResourceCache<ImageBuild> builds, String name,
                                   Function<InputReferences, Set<String>> named) {
        builds.addIndexer(name, build -> named.apply(InputReferences.of(build)).stream()
                .map(object -> key(build.getMetadata().getNamespace(), object)).toList());
        return new ReferenceIndex(builds, name, named);
    }

    /** The ImageBuilds that name this object: of its namespace only, as references are local. */
    Set<ResourceID> users(HasMetadata object) {
        return builds.byIndex(name, key(object.getMetadata().getNamespace(), object.getMetadata().getName())).stream()
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    /** The objects this ImageBuild names. */
    Set<ResourceID> referencedBy(ImageBuild build) {
        String namespace = build.getMetadata().getNamespace();
        return named.apply(InputReferences.of(build)).stream().map(object -> new ResourceID(object, namespace))
                .collect(Collectors.toSet());
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
