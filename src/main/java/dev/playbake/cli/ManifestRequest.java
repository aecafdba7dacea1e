package dev.playbake.cli;

import dev.playbake.api.BuildRequests;
import dev.playbake.api.InvalidSpecException;
import dev.playbake.api.ResolvedInputs;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.imagebuild.BuildRequest;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An ImageBuild manifest turned into a build request without a cluster, by the operator's own
 * mapping: what {@code kubectl apply} would build, built locally. ConfigMaps the spec names are
 * looked for as files beside the manifest ({@code playbookFrom.configMapKeyRef.key}, {@code filesFrom}).
 */
final class ManifestRequest {

    private ManifestRequest() {
    }

    static BuildRequest from(Path manifest, String text, Map<String, byte[]> besideIt,
                             Map<String, RegistryCredentials> credentials) {
        ImageBuild build;
        try {
            build = Serialization.unmarshal(text, ImageBuild.class);
        } catch (RuntimeException e) {
            throw new BadInputException(manifest + ": not a valid ImageBuild: " + e.getMessage());
        }
        if (build.getSpec() != null && build.getSpec().secretVars != null && !build.getSpec().secretVars.isEmpty()) {
            throw new BadInputException(manifest + ": spec.secretVars names Secrets, which a local build cannot read; "
                    + "remove them to try the build locally (their values stay in the cluster)");
        }
        Optional<ResolvedInputs.NamedText> playbookFrom = Optional.empty();
        if (build.getSpec() != null && build.getSpec().playbookFrom != null
                && build.getSpec().playbookFrom.configMapKeyRef != null) {
            String key = build.getSpec().playbookFrom.configMapKeyRef.key;
            Path file = manifest.toAbsolutePath().getParent().resolve(key);
            try {
                playbookFrom = Optional.of(new ResolvedInputs.NamedText(key, Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new BadInputException(manifest + ": spec.playbookFrom names '" + key + "'; a local build reads it "
                        + "from " + file + ", which cannot be read: " + e.getMessage());
            }
        }
        ResolvedInputs inputs = new ResolvedInputs(playbookFrom, besideIt, Map.of(), credentials);
        try {
            return BuildRequests.from(build, inputs, UUID.randomUUID().toString(), "cli");
        } catch (InvalidSpecException e) {
            throw new BadInputException(manifest + ": " + e.getMessage());
        }
    }
}
