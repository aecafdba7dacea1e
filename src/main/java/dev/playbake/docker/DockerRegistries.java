package dev.playbake.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import dev.playbake.image.ImageReference;
import dev.playbake.image.RegistryCredentials;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.playbake.runtime.RegistryException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** Push and pull through the daemon, with registry auth, their stream errors classified as RegistryException kinds. */
final class DockerRegistries {

    /** The status line of a pull stream that names the manifest digest the registry served. */
    private static final String DIGEST_STATUS = "Digest:";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerCalls calls;

    DockerRegistries(DockerCalls calls) {
        this.calls = calls;
    }

    /** Pushes a tag and returns the manifest digest the registry reported; credentials are set as for a pull. */
    String push(String reference, Optional<RegistryCredentials> credentials) {
        ImageReference ref = ImageReference.parse(reference);
        AtomicReference<String> digest = new AtomicReference<>();
        StreamErrors<PushResponseItem> errors = new StreamErrors<>() {
            @Override
            public void onNext(PushResponseItem item) {
                super.onNext(item);
                ResponseItem.AuxDetail aux = item.getAux();
                if (aux != null && aux.getDigest() != null) {
                    digest.set(aux.getDigest());
                }
            }
        };
        awaitStream("push " + reference, s -> {
            // set even when empty: docker-java would otherwise send the process's own Docker config
            s.client().pushImageCmd(ref.repository()).withTag(ref.tagOrLatest())
                    .withAuthConfig(credentials.map(DockerRegistries::authConfig).orElse(null)).exec(errors);
        }, errors, ref);
        if (digest.get() == null) {
            throw new RegistryException(RegistryException.Kind.TRANSIENT,
                    "push of " + reference + " ended without a digest from the registry");
        }
        return digest.get();
    }

    /**
     * Pulls a reference (by tag or by digest) and returns the manifest digest the registry served. Credentials are
     * always set on the command, none included: docker-java would otherwise send what the process's own
     * {@code ~/.docker/config.json} holds for that registry.
     */
    String pull(String reference, Optional<RegistryCredentials> credentials) {
        ImageReference ref = ImageReference.parse(reference);
        AtomicReference<String> digest = new AtomicReference<>(ref.digest().isEmpty() ? null : ref.digest());
        StreamErrors<PullResponseItem> errors = new StreamErrors<>() {
            @Override
            public void onNext(PullResponseItem item) {
                super.onNext(item);
                String status = item.getStatus();
                if (status != null && status.startsWith(DIGEST_STATUS)) {
                    digest.compareAndSet(null, status.substring(DIGEST_STATUS.length()).strip());
                }
            }
        };
        awaitStream("pull " + reference, s -> s.client().pullImageCmd(ref.repository())
                .withTag(ref.digest().isEmpty() ? ref.tagOrLatest() : ref.digest())
                .withAuthConfig(credentials.map(DockerRegistries::authConfig).orElse(null))
                .exec(errors), errors, ref);
        if (digest.get() == null) {
            throw new RegistryException(RegistryException.Kind.TRANSIENT,
                    "pull of " + reference + " ended without a digest from the registry");
        }
        return digest.get();
    }

    /**
     * The manifest digest the registry serves for a reference now, asked by the daemon (its distribution endpoint:
     * one manifest HEAD, nothing pulled), so the registry is reached from where pulls reach it, trusted as pulls
     * trust it; credentials as for a pull.
     */
    String digest(String reference, Optional<RegistryCredentials> credentials) {
        ImageReference ref = ImageReference.parse(reference);
        String what = "digest lookup of " + reference;
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/distribution/" + reference + "/json");
        credentials.ifPresent(c -> request.putHeader("X-Registry-Auth", registryAuth(c)));
        JsonNode answer = calls.control(what, s -> {
            try (DockerHttpClient.Response response = s.http().execute(request.build())) {
                JsonNode body = JSON.readTree(response.getBody().readAllBytes());
                if (response.getStatusCode() / 100 != 2) {
                    throw classify(what, ref, response.getStatusCode(), body.path("message").asText(body.toString()));
                }
                return body;
            } catch (IOException e) {
                throw classify(what, ref, 0, DockerHost.rootMessage(e));
            }
        });
        String digest = answer.path("Descriptor").path("digest").asText("");
        if (digest.isEmpty()) {
            throw new RegistryException(RegistryException.Kind.TRANSIENT, what + ": the Docker host's answer has no"
                    + " digest: " + answer);
        }
        return digest;
    }

    /** The X-Registry-Auth header the Engine API takes: base64url of the credentials as JSON. */
    private static String registryAuth(RegistryCredentials credentials) {
        ObjectNode auth = JSON.createObjectNode()
                .put("username", credentials.username())
                .put("password", credentials.password())
                .put("serveraddress", credentials.registry());
        return Base64.getUrlEncoder().encodeToString(auth.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void awaitStream(String what, Consumer<DockerCalls.Session> start, StreamErrors<?> stream,
                             ImageReference ref) {
        calls.stream(s -> {
            try {
                start.accept(s);
                stream.awaitCompletion();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(RegistryException.Kind.TRANSIENT, what + " was interrupted");
            } catch (DockerException e) {
                throw classify(what, ref, e.getHttpStatus(), DockerHost.rootMessage(e));
            } catch (RuntimeException e) {
                throw classify(what, ref, 0, DockerHost.rootMessage(e));
            }
            return null;
        });
        stream.error().ifPresent(message -> {
            throw classify(what, ref, 0, message);
        });
    }

    private static RegistryException classify(String what, ImageReference ref, int status, String message) {
        String registry = ref.registryHost().orElse("docker.io");
        String lower = message.toLowerCase();
        if (status == 401 || lower.contains("unauthorized") || lower.contains("authentication required")
                || lower.contains("no basic auth credentials") || lower.contains("denied")) {
            // the daemon says "no basic auth credentials" when the request carried none
            return new RegistryException(RegistryException.Kind.UNAUTHORIZED, lower.contains("no basic auth")
                    ? what + ": registry " + registry + " asks for credentials and there are none for it (docker login "
                    + registry + ", or an auths entry for it in the Docker config)"
                    : what + ": registry " + registry + " refused the credentials (" + message + ")");
        }
        if (status == 404 || lower.contains("not found") || lower.contains("manifest unknown")) {
            return new RegistryException(RegistryException.Kind.NOT_FOUND, what + ": " + message
                    + " (is the name and tag right? `docker images` lists what the Docker host has)");
        }
        if (lower.contains("connection refused") || lower.contains("no such host") || lower.contains("i/o timeout")
                || lower.contains("server gave http response to https client") || lower.contains("x509")) {
            return new RegistryException(RegistryException.Kind.TRANSIENT, what + ": the Docker host could not reach"
                    + " registry " + registry + " (" + message + "); is the registry's address right, is it up, and"
                    + " does the Docker host trust it (insecure-registries, certs.d)?");
        }
        return new RegistryException(RegistryException.Kind.TRANSIENT, what + " failed: " + message);
    }

    private static AuthConfig authConfig(RegistryCredentials credentials) {
        return new AuthConfig()
                .withRegistryAddress(credentials.registry())
                .withUsername(credentials.username())
                .withPassword(credentials.password());
    }


    /** Collects the first error a push or pull stream reports in one of its items. */
    private static class StreamErrors<T extends ResponseItem> extends ResultCallback.Adapter<T> {
        private final AtomicReference<String> error = new AtomicReference<>();

        @Override
        public void onNext(T item) {
            if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                error.compareAndSet(null, item.getErrorDetail().getMessage());
            } else if (item.getError() != null) {
                error.compareAndSet(null, item.getError());
            }
        }

        Optional<String> error() {
            return Optional.ofNullable(error.get());
        }
    }
}
