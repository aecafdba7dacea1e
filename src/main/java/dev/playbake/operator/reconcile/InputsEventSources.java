package dev.playbake.operator.reconcile;

import dev.playbake.api.v1alpha1.ImageBuild;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Informers on the ConfigMaps and Secrets of the namespaces the ImageBuild controller watches, so that editing,
 * creating or deleting an object an ImageBuild names reconciles that ImageBuild at once, and no other: the
 * reconcile resolves the inputs again and builds when their hash changed.
 * <p>
 * Why they look as they do, for an operator that may watch every namespace of a cluster:
 * <ul>
 * <li>The API cannot select "the objects some ImageBuild names": a field selector matches one name, not a set,
 * and a label selector would have every tenant label their inputs, a forgotten label silently meaning no
 * rebuild. So the informers list and watch all ConfigMaps and Secrets of the watched namespaces, and
 * {@link ReferenceIndex} decides what an event reconciles: an object no ImageBuild names maps to nothing.</li>
 * <li>They store only each object's name, namespace and resourceVersion ({@link ReducedStateItemStore}): the
 * reconciler reads an input with a GET when it resolves it and nothing reads these caches, so the operator
 * holds neither every tenant's Secrets in its heap nor every ConfigMap's data.</li>
 * <li>The operator's build logs (ConfigMaps labelled {@value BuildLogs#IMAGEBUILD_UID}) are left out by a label
 * selector.</li>
 * <li>Secrets of type {@value #HELM_RELEASE} are left out by a field selector: Helm's release records (one per
 * revision of every release, the chart's own included) are most of the Secret bytes of a namespace that uses
 * Helm, and no ImageBuild reads them.</li>
 * <li>The first list is read in pages of {@value #LIST_LIMIT}, so a large namespace is not one response in
 * memory.</li>
 * <li>An event source per watched namespace (a single one when the controller watches all): JOSDK hands the same
 * item store to every namespace's informer of one event source, and a store so shared drops one namespace's
 * entries whenever another namespace's informer lists.</li>
 * </ul>
 * What they still cost: the API server sends each object whole, in the list and on every change (fabric8 has no
 * metadata-only informer), and the operator needs list and watch on ConfigMaps and Secrets where it watches.
 * The namespaces are the controller's effective ones, read once when the controller registers (this operator
 * never changes them while it runs).
 */
final class InputsEventSources {

    /** The Secret type of Helm's release records. */
    static final String HELM_RELEASE = "helm.sh/release.v1";
    /** Objects per page of an informer's list. */
    static final long LIST_LIMIT = 500;

    private InputsEventSources() {
    }

    /** The event sources, with their indexes added to the controller's ImageBuild cache. */
    static List<EventSource<?, ImageBuild>> create(EventSourceContext<ImageBuild> context) {
        ReferenceIndex configMaps = ReferenceIndex.register(context.getPrimaryCache(), "playbake.dev/configmaps",
                InputReferences::configMaps);
        ReferenceIndex secrets = ReferenceIndex.register(context.getPrimaryCache(), "playbake.dev/secrets",
                InputReferences::secrets);
        FieldSelector notHelmReleases = new FieldSelector(new FieldSelector.Field("type", HELM_RELEASE, true));
        List<EventSource<?, ImageBuild>> sources = new ArrayList<>();
        for (Set<String> namespaces : informerNamespaces(context.getControllerConfiguration().getEffectiveNamespaces())) {
            sources.add(informer(context, ConfigMap.class, configMaps, namespaces, Optional.empty()));
            sources.add(informer(context, Secret.class, secrets, namespaces, Optional.of(notHelmReleases)));
        }
        return sources;
    }

    /** The namespaces of each informer: one per watched namespace, or JOSDK's all-namespaces set alone. */
    static List<Set<String>> informerNamespaces(Set<String> controllerNamespaces) {
        if (InformerConfiguration.allNamespacesWatched(controllerNamespaces)) {
            return List.of(controllerNamespaces);
        }
        return controllerNamespaces.stream().sorted().map(Set::of).toList();
    }

    private static <R extends HasMetadata> InformerEventSource<R, ImageBuild> informer(
            EventSourceContext<ImageBuild> context, Class<R> type, ReferenceIndex index, Set<String> namespaces,
            Optional<FieldSelector> fieldSelector) {
        String watched = InformerConfiguration.allNamespacesWatched(namespaces) ? "all-namespaces"
                : namespaces.iterator().next();
        InformerEventSourceConfiguration.Builder<R> configuration = InformerEventSourceConfiguration
                .from(type, ImageBuild.class)
                .withName("playbake-" + HasMetadata.getPlural(type) + "-" + watched)
                .withNamespaces(namespaces)
                .withFollowControllerNamespacesChanges(false)
                .withSecondaryToPrimaryMapper(index::users)
                .withPrimaryToSecondaryMapper((PrimaryToSecondaryMapper<ImageBuild>) index::referencedBy)
                .withItemStore(new ReducedStateItemStore<>(ReducedStateItemStore.NAME_KEY_STATE, type,
                        context.getClient().getKubernetesSerialization()))
                .withInformerListLimit(LIST_LIMIT);
        fieldSelector.ifPresent(configuration::withFieldSelector);
        if (type == ConfigMap.class) {
            // the operator's own build logs, rewritten every few seconds while a build runs and up to 900 KiB each,
            // are no ImageBuild's input: where the operator's namespace is watched they would flow through here
            configuration.withLabelSelector("!" + BuildLogs.IMAGEBUILD_UID);
        }
        return new InformerEventSource<>(configuration.build(), context);
    }
}
