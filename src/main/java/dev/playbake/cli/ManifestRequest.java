package dev.playbake.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbake.api.BuildRequests;
import dev.playbake.api.ConfigMapFiles;
import dev.playbake.api.InvalidSpecException;
import dev.playbake.api.ResolvedInputs;
import dev.playbake.api.v1alpha1.ConfigMapKeyRef;
import dev.playbake.api.v1alpha1.FilesFrom;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.imagebuild.BuildRequest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * An ImageBuild manifest turned into a build request without a cluster, by the operator's own mapping: what
 * {@code kubectl apply} would build, built locally. The ConfigMaps the spec names ({@code playbookFrom},
 * {@code filesFrom}) are the input's own when it holds any, as the operator would read them; a lone ImageBuild
 * reads them as files beside it instead ({@code playbookFrom.configMapKeyRef.key}, and every file there).
 */
final class ManifestRequest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestRequest() {
    }

    /**
     * The request of the set's ImageBuild; {@code besideIt} gives the files beside a lone ImageBuild, read only
     * when they are used.
     */
    static BuildRequest from(ManifestSet set, Supplier<Map<String, byte[]>> besideIt,
                             Map<String, RegistryCredentials> credentials) {
        ManifestDocument document = set.build();
        ImageBuild build = typed(document, ImageBuild.class);
        if (build.getSpec() != null && build.getSpec().secretVars != null && !build.getSpec().secretVars.isEmpty()) {
            throw new BadInputException(document.where() + ": spec.secretVars names Secrets, which a local build cannot"
                    + " read; remove them to try the build locally (their values stay in the cluster)");
        }
        ResolvedInputs inputs = set.configMaps().isEmpty() ? beside(document, build, besideIt.get(), credentials)
                : fromConfigMaps(set, build, credentials);
        try {
            return BuildRequests.from(build, inputs, UUID.randomUUID().toString(), "cli");
        } catch (InvalidSpecException e) {
            throw new BadInputException(document.where() + ": " + e.getMessage());
        }
    }

    /** The ConfigMaps as files beside the manifest: how a lone ImageBuild is built. */
    private static ResolvedInputs beside(ManifestDocument document, ImageBuild build, Map<String, byte[]> besideIt,
                                         Map<String, RegistryCredentials> credentials) {
        Optional<ResolvedInputs.NamedText> playbookFrom = Optional.empty();
        Optional<ConfigMapKeyRef> ref = playbookRef(build);
        if (ref.isPresent()) {
            String key = ref.get().key;
            Path file = document.file().toAbsolutePath().getParent().resolve(key);
            try {
                playbookFrom = Optional.of(new ResolvedInputs.NamedText(key, Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new BadInputException(document.where() + ": spec.playbookFrom names '" + key + "'; a local build"
                        + " reads it from " + file + ", which cannot be read: " + e.getMessage());
            }
        }
        return new ResolvedInputs(playbookFrom, besideIt, Map.of(), credentials);
    }

    /** The ConfigMaps the spec names, from the input, as the operator reads them from the namespace. */
    private static ResolvedInputs fromConfigMaps(ManifestSet set, ImageBuild build, Map<String, RegistryCredentials> credentials) {
        Optional<ResolvedInputs.NamedText> playbookFrom = Optional.empty();
        Optional<ConfigMapKeyRef> ref = playbookRef(build);
        if (ref.isPresent()) {
            ManifestDocument document = set.configMap(ref.get().name, "spec.playbookFrom");
            String content = Optional.ofNullable(typed(document, ConfigMap.class).getData())
                    .map(data -> data.get(ref.get().key))
                    .orElseThrow(() -> new BadInputException(document.where() + ": ConfigMap " + document.name()
                            + " has no key " + ref.get().key + ", which spec.playbookFrom of " + set.build().where()
                            + " names"));
            playbookFrom = Optional.of(new ResolvedInputs.NamedText(ref.get().key, content));
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (FilesFrom from : build.getSpec() == null ? List.<FilesFrom>of() : build.getSpec().filesFrom) {
            if (from.configMapRef == null || from.configMapRef.name == null) {
                throw new BadInputException(set.build().where() + ": spec.filesFrom: an entry has no configMapRef.name");
            }
            files.putAll(ConfigMapFiles.of(typed(set.configMap(from.configMapRef.name, "spec.filesFrom"), ConfigMap.class)));
        }
        return new ResolvedInputs(playbookFrom, files, Map.of(), credentials);
    }

    private static Optional<ConfigMapKeyRef> playbookRef(ImageBuild build) {
        return Optional.ofNullable(build.getSpec()).map(spec -> spec.playbookFrom).map(from -> from.configMapKeyRef);
    }

    /** The document as its fabric8 type, read as the operator's client reads objects. */
    private static <T> T typed(ManifestDocument document, Class<T> type) {
        try {
            return Serialization.unmarshal(JSON.writeValueAsString(document.object()), type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new BadInputException(document.where() + ": not a valid " + type.getSimpleName() + ": " + e.getMessage());
        }
    }
}
