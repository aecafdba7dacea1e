package dev.playbake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbake.image.RegistryCredentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Registry credentials from {@code ~/.docker/config.json} ({@code auths}), like every Docker tool reads them. */
final class DockerConfigCredentials {

    private DockerConfigCredentials() {
    }

    static Map<String, RegistryCredentials> load() {
        String dir = System.getenv("DOCKER_CONFIG");
        Path file = dir == null || dir.isBlank()
                ? Path.of(System.getProperty("user.home"), ".docker", "config.json") : Path.of(dir, "config.json");
        return load(file);
    }

    static Map<String, RegistryCredentials> load(Path file) {
        Map<String, RegistryCredentials> credentials = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return credentials;
        }
        try {
            JsonNode auths = new ObjectMapper().readTree(file.toFile()).path("auths");
            auths.fields().forEachRemaining(entry -> {
                String registry = entry.getKey().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
                if (registry.equals("index.docker.io")) {
                    registry = "docker.io";
                }
                String auth = entry.getValue().path("auth").asText("");
                if (!auth.isEmpty()) {
                    String decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    if (colon > 0) {
                        credentials.put(registry, new RegistryCredentials(registry, decoded.substring(0, colon),
                                decoded.substring(colon + 1)));
                    }
                }
            });
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(file + " is not a valid Docker config: " + e.getMessage());
        }
        return credentials;
    }
}
