package dev.playbake.operator.reconcile;

import dev.playbake.api.v1alpha1.ConfigMapKeyRef;
import dev.playbake.api.v1alpha1.FilesFrom;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.LocalObjectRef;
import dev.playbake.api.v1alpha1.PlaybookFrom;
import dev.playbake.api.v1alpha1.SecretVarsFrom;
import dev.playbake.operator.ImageBuilds;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReferenceIndexTest {

    private final Builds builds = new Builds();
    private final ReferenceIndex configMaps = ReferenceIndex.register(builds, "configmaps", InputReferences::configMaps);
    private final ReferenceIndex secrets = ReferenceIndex.register(builds, "secrets", InputReferences::secrets);

    @Test
    void aConfigMapMapsToTheImageBuildsOfItsNamespaceThatReadItAsPlaybookOrFiles() {
        builds.add(playbookFrom(build("a", "playbook-user"), "shared"));
        builds.add(filesFrom(build("a", "files-user"), "other", "shared"));
        builds.add(filesFrom(build("a", "unrelated"), "other"));
        builds.add(filesFrom(build("b", "same-name-elsewhere"), "shared"));
        builds.add(secretVars(build("a", "secret-of-that-name"), "shared"));

        assertEquals(Set.of(id("a", "playbook-user"), id("a", "files-user")), configMaps.users(configMap("a", "shared")));
        assertEquals(Set.of(id("a", "files-user"), id("a", "unrelated")), configMaps.users(configMap("a", "other")));
        assertEquals(Set.of(id("b", "same-name-elsewhere")), configMaps.users(configMap("b", "shared")));
        assertEquals(Set.of(), configMaps.users(configMap("a", "nobody-reads-me")));
    }

    @Test
    void aSecretMapsToTheImageBuildsThatUseItForVarsPullOrPush() {
        ImageBuild vars = secretVars(build("a", "vars"), "creds");
        ImageBuild pull = build("a", "pull");
        pull.getSpec().pullSecretRef = new LocalObjectRef("creds");
        ImageBuild push = build("a", "push");
        push.getSpec().output.pushSecretRef = new LocalObjectRef("creds");
        Stream.of(vars, pull, push, filesFrom(build("a", "config-map-of-that-name"), "creds")).forEach(builds::add);

        assertEquals(Set.of(id("a", "vars"), id("a", "pull"), id("a", "push")), secrets.users(secret("a", "creds")));
        assertEquals(Set.of(), secrets.users(secret("b", "creds")));
    }

    @Test
    void anImageBuildReferencesWhatItsSpecNamesInItsNamespace() {
        ImageBuild build = secretVars(filesFrom(playbookFrom(build("a", "web"), "playbook"), "files", "more"), "vars");
        build.getSpec().pullSecretRef = new LocalObjectRef("pull");

        assertEquals(Set.of(id("a", "playbook"), id("a", "files"), id("a", "more")), configMaps.referencedBy(build));
        assertEquals(Set.of(id("a", "vars"), id("a", "pull")), secrets.referencedBy(build));
        assertEquals(Set.of(), configMaps.referencedBy(build("a", "embedded")));
    }

    @Test
    void aSpecWithoutReferencesOrWithIncompleteOnesNamesNothing() {
        ImageBuild noSpec = build("a", "no-spec");
        noSpec.setSpec(null);
        ImageBuild incomplete = build("a", "incomplete");
        incomplete.getSpec().filesFrom.add(new FilesFrom());
        incomplete.getSpec().secretVars.add(null);
        incomplete.getSpec().playbookFrom = new PlaybookFrom();

        assertEquals(new InputReferences(Set.of(), Set.of()), InputReferences.of(noSpec));
        assertEquals(new InputReferences(Set.of(), Set.of()), InputReferences.of(incomplete));
    }

    private static ImageBuild build(String namespace, String name) {
        ImageBuild build = ImageBuilds.imageBuild(name, "r.example/" + name + ":1");
        build.getMetadata().setNamespace(namespace);
        return build;
    }

    private static ImageBuild playbookFrom(ImageBuild build, String configMap) {
        build.getSpec().playbook = null;
        build.getSpec().playbookFrom = new PlaybookFrom();
        build.getSpec().playbookFrom.configMapKeyRef = new ConfigMapKeyRef(configMap, "site.yml");
        return build;
    }

    private static ImageBuild filesFrom(ImageBuild build, String... configMaps) {
        for (String name : configMaps) {
            FilesFrom from = new FilesFrom();
            from.configMapRef = new LocalObjectRef(name);
            build.getSpec().filesFrom.add(from);
        }
        return build;
    }

    private static ImageBuild secretVars(ImageBuild build, String secret) {
        SecretVarsFrom from = new SecretVarsFrom();
        from.secretRef = new LocalObjectRef(secret);
        build.getSpec().secretVars.add(from);
        return build;
    }

    private static ConfigMap configMap(String namespace, String name) {
        return new ConfigMapBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata().build();
    }

    private static Secret secret(String namespace, String name) {
        return new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata().build();
    }

    private static ResourceID id(String namespace, String name) {
        return new ResourceID(name, namespace);
    }

    /** JOSDK's ImageBuild cache as far as indexes go: a list, and each index a function applied to all of it. */
    private static final class Builds implements IndexerResourceCache<ImageBuild> {
        private final List<ImageBuild> all = new ArrayList<>();
        private final Map<String, Function<ImageBuild, List<String>>> indexers = new HashMap<>();

        void add(ImageBuild build) {
            all.add(build);
        }

        @Override
        public void addIndexers(Map<String, Function<ImageBuild, List<String>>> added) {
            indexers.putAll(added);
        }

        @Override
        public List<ImageBuild> byIndex(String indexName, String indexKey) {
            return all.stream().filter(b -> indexers.get(indexName).apply(b).contains(indexKey)).toList();
        }

        @Override
        public Optional<ImageBuild> get(ResourceID id) {
            return all.stream().filter(b -> ResourceID.fromResource(b).equals(id)).findFirst();
        }

        @Override
        public Stream<ResourceID> keys() {
            return all.stream().map(ResourceID::fromResource);
        }

        @Override
        public Stream<ImageBuild> list(Predicate<ImageBuild> predicate) {
            return all.stream().filter(predicate);
        }

        @Override
        public Stream<ImageBuild> list(String namespace, Predicate<ImageBuild> predicate) {
            return list(predicate).filter(b -> namespace.equals(b.getMetadata().getNamespace()));
        }
    }
}
