package dev.playbake.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few calls of the registry HTTP API (distribution v2) that collecting a cache repository needs: its tags, a
 * tag's manifest and image configuration, deleting a manifest. Basic and bearer-token authentication, as registries
 * ask for them; loopback registries over plain HTTP, as the Docker engine treats them.
 */
public final class RegistryApi {

    /**
     * One image manifest.
     *
     * @param digest       its digest, what a delete names
     * @param configDigest the digest of its image configuration
     * @param blobs        every blob it references (configuration and layers) with its size
     * @param layers       its layer digests, bottom first
     */
    public record Manifest(String digest, String configDigest, Map<String, Long> blobs, List<String> layers) {
        public Manifest {
            blobs = Map.copyOf(blobs);
            layers = List.copyOf(layers);
        }
    }

    /**
     * What an image's configuration says of it.
     *
     * @param created when it was made
     * @param labels  its labels
     */
    public record ImageConfig(Instant created, Map<String, String> labels) {
        public ImageConfig {
            labels = Map.copyOf(labels);
        }
    }

    /** A call the registry refused or could not answer; the message says which and why. */
    public static final class RegistryApiException extends RuntimeException {
        private final boolean unreachable;

        RegistryApiException(String message) {
            this(message, false);
        }

        RegistryApiException(String message, boolean unreachable) {
            super(message);
            this.unreachable = unreachable;
        }

        /** Whether the registry did not answer at all (rather than refusing). */
        public boolean unreachable() {
            return unreachable;
        }
    }

    private static final String ACCEPT = String.join(", ", "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.manifest.v1+json");
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String registry;
    private final String base;
    private final Optional<RegistryCredentials> credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    /** The Authorization header that opened each scope, so a token is asked for once. */
    private final Map<String, String> authorization = new HashMap<>();

    /** @param registry host[:port] as image references name it (empty: Docker Hub) */
    public RegistryApi(String registry, Optional<RegistryCredentials> credentials) {
        this.registry = registry.isEmpty() ? "docker.io" : registry;
        String host = this.registry.equals("docker.io") ? "registry-1.docker.io" : this.registry;
        this.base = (loopback(host) ? "http://" : "https://") + host;
        this.credentials = credentials;
    }

    /** The path of {@code repository} (a reference without tag) in this API: {@code team/web}, {@code library/x}. */
    public static String path(ImageReference repository) {
        String path = repository.registryHost().map(host -> repository.repository().substring(host.length() + 1))
                .orElse(repository.repository());
        return repository.registryHost().isEmpty() && !path.contains("/") ? "library/" + path : path;
    }

    /** Every tag of a repository (none when it does not exist). */
    public List<String> tags(String path) {
        List<String> tags = new ArrayList<>();
        String next = "/v2/" + path + "/tags/list?n=1000";
        while (next != null) {
            HttpResponse<byte[]> response = send("GET", next, path, "pull", Map.of());
            if (response.statusCode() == 404) {
                return tags;
            }
            expect(response, 200, "list the tags of " + path);
            read(response).path("tags").forEach(tag -> tags.add(tag.asText()));
            Matcher link = NEXT_LINK.matcher(response.headers().firstValue("Link").orElse(""));
            next = link.find() ? link.group(1) : null;
        }
        return tags;
    }

    /** A tag's manifest; empty when the tag is gone or names something else than one image (an index). */
    public Optional<Manifest> manifest(String path, String tag) {
        HttpResponse<byte[]> response = send("GET", "/v2/" + path + "/manifests/" + tag, path, "pull",
                Map.of("Accept", ACCEPT));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, 200, "read the manifest of " + path + ":" + tag);
        JsonNode manifest = read(response);
        if (!manifest.has("config") || !manifest.has("layers")) {
            return Optional.empty();
        }
        Map<String, Long> blobs = new LinkedHashMap<>();
        String config = manifest.path("config").path("digest").asText();
        blobs.put(config, manifest.path("config").path("size").asLong());
        List<String> layers = new ArrayList<>();
        manifest.path("layers").forEach(layer -> {
            layers.add(layer.path("digest").asText());
            blobs.merge(layer.path("digest").asText(), layer.path("size").asLong(), Math::max);
        });
        String digest = response.headers().firstValue("Docker-Content-Digest")
                .orElseThrow(() -> new RegistryApiException(registry + " gave no Docker-Content-Digest for "
                        + path + ":" + tag));
        return Optional.of(new Manifest(digest, config, blobs, layers));
    }

    /** The image configuration a manifest names: when it was made, and its labels. */
    public ImageConfig config(String path, String configDigest) {
        HttpResponse<byte[]> response = send("GET", "/v2/" + path + "/blobs/" + configDigest, path, "pull", Map.of());
        expect(response, 200, "read the image configuration " + configDigest + " in " + path);
        JsonNode config = read(response);
        Map<String, String> labels = new HashMap<>();
        config.path("config").path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        Instant created;
        try {
            created = Instant.parse(config.path("created").asText());
        } catch (DateTimeParseException e) {
            created = Instant.EPOCH;
        }
        return new ImageConfig(created, labels);
    }

    /** Deletes a manifest and so every tag on it; its blobs go at the registry's own garbage collection. */
    public void delete(String path, String digest) {
        HttpResponse<byte[]> response = send("DELETE", "/v2/" + path + "/manifests/" + digest, path, "delete",
                Map.of());
        if (response.statusCode() == 405) {
            throw new RegistryApiException(registry + " does not allow deletes (the registry's storage.delete.enabled,"
                    + " REGISTRY_STORAGE_DELETE_ENABLED=true in the distribution registry)");
        }
        if (response.statusCode() != 404) {
            expect(response, 202, "delete " + path + "@" + digest);
        }
    }

    private HttpResponse<byte[]> send(String method, String pathAndQuery, String repository, String action,
                                      Map<String, String> headers) {
        URI uri = URI.create(pathAndQuery.startsWith("http") ? pathAndQuery : base + pathAndQuery);
        String scope = "repository:" + repository + ":" + ("delete".equals(action) ? "delete" : "pull");
        HttpResponse<byte[]> response = exchange(method, uri, headers, Optional.ofNullable(authorization.get(scope)));
        if (response.statusCode() == 401) {
            Optional<String> opened = authorize(response.headers().firstValue("WWW-Authenticate").orElse(""), scope);
            if (opened.isPresent()) {
                authorization.put(scope, opened.get());
                response = exchange(method, uri, headers, opened);
            }
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new RegistryApiException(registry + " refused " + method + " " + uri.getPath() + " ("
                    + response.statusCode() + (credentials.isEmpty() ? ", no credentials for it" : ", with the "
                    + "credentials of " + credentials.get().username()) + ")");
        }
        return response;
    }

    /** The Authorization header a challenge asks for: Basic with the credentials, or a bearer token from its realm. */
    private Optional<String> authorize(String challenge, String scope) {
        String basic = credentials.map(c -> "Basic " + Base64.getEncoder().encodeToString(
                (c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8))).orElse("");
        String lower = challenge.toLowerCase(Locale.ROOT);
        if (lower.startsWith("basic")) {
            return basic.isEmpty() ? Optional.empty() : Optional.of(basic);
        }
        if (!lower.startsWith("bearer")) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
        String realm = params.getOrDefault("realm", "");
        if (realm.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder query = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
        query.append("scope=").append(URLEncoder.encode(params.getOrDefault("scope", scope), StandardCharsets.UTF_8));
        if (params.containsKey("service")) {
            query.append("&service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> token = exchange("GET", URI.create(query.toString()), Map.of(),
                basic.isEmpty() ? Optional.empty() : Optional.of(basic));
        if (token.statusCode() != 200) {
            return Optional.empty();
        }
        JsonNode body = read(token);
        String value = body.path("token").asText(body.path("access_token").asText(""));
        return value.isEmpty() ? Optional.empty() : Optional.of("Bearer " + value);
    }

    private HttpResponse<byte[]> exchange(String method, URI uri, Map<String, String> headers,
                                          Optional<String> authorizationHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        authorizationHeader.ifPresent(value -> request.header("Authorization", value));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryApiException("could not reach " + registry + ": " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryApiException("interrupted while asking " + registry, true);
        }
    }

    private void expect(HttpResponse<byte[]> response, int status, String what) {
        if (response.statusCode() != status) {
            String body = new String(response.body(), StandardCharsets.UTF_8);
            throw new RegistryApiException(registry + " could not " + what + ": HTTP " + response.statusCode()
                    + (body.isBlank() ? "" : " " + body.strip().substring(0, Math.min(200, body.strip().length()))));
        }
    }

    private JsonNode read(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RegistryApiException(registry + " answered " + response.uri().getPath() + " with no JSON");
        }
    }

    private static boolean loopback(String hostAndPort) {
        String host = hostAndPort.startsWith("[") ? hostAndPort.substring(1, hostAndPort.indexOf(']'))
                : hostAndPort.replaceFirst(":\\d+$", "");
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return host.matches("[0-9.]+|[0-9a-fA-F:]+") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
