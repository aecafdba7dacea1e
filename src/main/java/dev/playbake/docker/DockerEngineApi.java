package dev.playbake.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.playbake.image.ImageReference;
import dev.playbake.runtime.HostUnavailableException;
import dev.playbake.runtime.ImageSettings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** The calls docker-java cannot make as a build needs them, spoken to the Engine API directly: commit and squash. */
final class DockerEngineApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerCalls calls;
    private final Function<String, Optional<String>> imageId;

    /** @param imageId an image's ID by reference, empty when the daemon does not have it */
    DockerEngineApi(DockerCalls calls, Function<String, Optional<String>> imageId) {
        this.calls = calls;
        this.imageId = imageId;
    }

    /**
     * Exports a container's filesystem and imports it as a single-layer image (the squash that keeps
     * long builds under the layer limit). The image has no configuration of its own.
     */
    String flatten(String containerId, String repository) {
        calls.stream(s -> {
            importExport(s.http(), containerId, repository);
            return null;
        });
        return imageId.apply(repository).orElseThrow(() -> new HostUnavailableException(
                "the squashed image " + repository + " is missing after its import", null));
    }

    private static void importExport(DockerHttpClient http, String containerId, String repository) {
        DockerHttpClient.Request export = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + URLEncoder.encode(containerId, StandardCharsets.UTF_8) + "/export")
                .build();
        try (DockerHttpClient.Response exported = http.execute(export)) {
            if (exported.getStatusCode() / 100 != 2) {
                throw new HostUnavailableException("export of container " + containerId + " failed: "
                        + exported.getStatusCode(), null);
            }
            ImageReference ref = ImageReference.parse(repository);
            DockerHttpClient.Request importing = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.POST)
                    .path("/images/create?fromSrc=-&repo=" + URLEncoder.encode(ref.repository(), StandardCharsets.UTF_8)
                            + "&tag=" + URLEncoder.encode(ref.tagOrLatest(), StandardCharsets.UTF_8))
                    .putHeader("Content-Type", "application/x-tar")
                    .body(exported.getBody())
                    .build();
            try (DockerHttpClient.Response imported = http.execute(importing)) {
                String body = new String(imported.getBody().readAllBytes(), StandardCharsets.UTF_8);
                if (imported.getStatusCode() / 100 != 2 || body.contains("\"error\"")) {
                    throw new HostUnavailableException("import of the squashed filesystem failed: " + body.strip(), null);
                }
            }
        } catch (IOException e) {
            throw new HostUnavailableException("squashing container " + containerId + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Commits a container as an image with exactly the given settings (docker-java's commit cannot
     * set the entrypoint, so this speaks the Engine API directly). Returns the image ID.
     */
    String commit(String containerId, ImageSettings settings, boolean pause) {
        ObjectNode config = JSON.createObjectNode();
        config.set("Entrypoint", JSON.valueToTree(settings.entrypoint()));
        config.set("Cmd", JSON.valueToTree(settings.cmd()));
        config.set("Env", JSON.valueToTree(settings.env()));
        config.put("WorkingDir", settings.workingDir());
        config.put("User", settings.user());
        ObjectNode ports = config.putObject("ExposedPorts");
        settings.exposedPorts().forEach(p -> ports.putObject(p.contains("/") ? p : p + "/tcp"));
        ObjectNode volumes = config.putObject("Volumes");
        settings.volumes().forEach(volumes::putObject);
        config.set("Labels", JSON.valueToTree(new TreeMap<>(settings.labels())));
        return calls.stream(s -> {
            try {
                DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                        .method(DockerHttpClient.Request.Method.POST)
                        .path("/commit?container=" + URLEncoder.encode(containerId, StandardCharsets.UTF_8) + "&pause=" + pause)
                        .putHeader("Content-Type", "application/json")
                        .body(new ByteArrayInputStream(JSON.writeValueAsBytes(config)))
                        .build();
                try (DockerHttpClient.Response response = s.http().execute(request)) {
                    String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                    if (response.getStatusCode() / 100 != 2) {
                        throw new HostUnavailableException("commit of container " + containerId + " failed: "
                                + response.getStatusCode() + " " + body.strip(), null);
                    }
                    return JSON.readTree(body).path("Id").asText();
                }
            } catch (IOException e) {
                throw new HostUnavailableException("commit of container " + containerId + " failed: " + e.getMessage(), e);
            }
        });
    }
}
