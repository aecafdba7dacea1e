package dev.playbake.operator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbake.image.RegistryCredentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads registry credentials from a {@code .dockerconfigjson}, as kubelet and docker do. */
public final class DockerConfigJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerConfigJson() {
    }

    /**
     * Credentials by registry host ({@code https://index.docker.io/v1/} becomes {@code index.docker.io}).
     *
     * @throws IllegalArgumentException when the text is not a docker config with auths
     */
    public static Map<String, RegistryCredentials> credentials(String json) {
        JsonNode auths;
        try {
            auths = JSON.readTree(json).path("auths");
        } catch (IOException e) {
            throw new IllegalArgumentException(".dockerconfigjson is not JSON");
        }
        if (!auths.isObject()) {
            throw new IllegalArgumentException(".dockerconfigjson has no auths");
        }
        Map<String, RegistryCredentials> credentials = new LinkedHashMap<>();
        auths.fields().forEachRemaining(entry -> {
            String registry = host(entry.getKey());
            JsonNode auth = entry.getValue();
            String username = auth.path("username").asText("");
            String password = auth.path("password").asText("");
            if (auth.hasNonNull("auth")) {
                String decoded = new String(Base64.getDecoder().decode(auth.get("auth").asText()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("the auth of " + registry + " is not base64 of user:password");
                }
                username = decoded.substring(0, colon);
                password = decoded.substring(colon + 1);
            }
            credentials.put(registry, new RegistryCredentials(registry, username, password));
        });
        return credentials;
    }

    static String host(String key) {
        String host = key.replaceFirst("^https?://", "");
        int slash = host.indexOf('/');
        return slash < 0 ? host : host.substring(0, slash);
    }
}
