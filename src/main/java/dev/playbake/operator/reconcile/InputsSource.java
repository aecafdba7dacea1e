package dev.playbake.operator.reconcile;

import dev.playbake.api.v1alpha1.ImageBuild;

/** Reads the ConfigMaps and Secrets an ImageBuild refers to; the cluster in production, a map in tests. */
public interface InputsSource {

    Resolution resolve(ImageBuild build);
}
