package dev.playbake.operator.reconcile;

import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildSpec;
import dev.playbake.api.v1alpha1.LocalObjectRef;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The names of the ConfigMaps and Secrets of its own namespace an ImageBuild reads, those the cluster's
 * {@link InputsSource} resolves; the operator's default push secret is the operator's, not the ImageBuild's, and
 * is not among them.
 *
 * @param configMaps from {@code spec.playbookFrom} and {@code spec.filesFrom}
 * @param secrets    from {@code spec.secretVars}, {@code spec.pullSecretRef} and {@code spec.output.pushSecretRef}
 */
record InputReferences(Set<String> configMaps, Set<String> secrets) {

    InputReferences {
        configMaps = Set.copyOf(configMaps);
        secrets = Set.copyOf(secrets);
    }

    /**
     * What this ImageBuild names. It runs in informer threads on whatever the API server stored, so a reference
     * the CRD's validation should have refused (a null entry or name) is skipped rather than thrown on.
     */
    static InputReferences of(ImageBuild build) {
        ImageBuildSpec spec = build.getSpec();
        if (spec == null) {
            return new InputReferences(Set.of(), Set.of());
        }
        Stream<String> playbook = Stream.ofNullable(spec.playbookFrom).map(from -> from.configMapKeyRef)
                .filter(Objects::nonNull).map(ref -> ref.name);
        Stream<LocalObjectRef> files = entries(spec.filesFrom).map(from -> from.configMapRef);
        Stream<LocalObjectRef> secretVars = entries(spec.secretVars).map(from -> from.secretRef);
        Stream<LocalObjectRef> push = Stream.ofNullable(spec.output).map(output -> output.pushSecretRef);
        return new InputReferences(names(Stream.concat(playbook, refNames(files))),
                names(refNames(Stream.of(secretVars, Stream.of(spec.pullSecretRef), push).flatMap(s -> s))));
    }

    private static <T> Stream<T> entries(List<T> list) {
        return Stream.ofNullable(list).flatMap(List::stream).filter(Objects::nonNull);
    }

    private static Stream<String> refNames(Stream<LocalObjectRef> refs) {
        return refs.filter(Objects::nonNull).map(ref -> ref.name);
    }

    private static Set<String> names(Stream<String> names) {
        return names.filter(Objects::nonNull).collect(Collectors.toSet());
    }
}
