package dev.playbake.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.playbake.image.ImageReference;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.runtime.ContainerRuntime;
import dev.playbake.runtime.ContainerSpec;
import dev.playbake.runtime.ContainerSummary;
import dev.playbake.runtime.HostUnavailableException;
import dev.playbake.runtime.ImageInfo;
import dev.playbake.runtime.ImageSettings;
import dev.playbake.runtime.ImageSummary;
import dev.playbake.runtime.RegistryException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/** One Docker daemon, reached over docker-java: the containers, images and registries a build uses. */
public final class DockerHost implements ContainerRuntime, AutoCloseable {

    /** Keeps the working container alive without depending on anything but a POSIX shell. */
    static final List<String> KEEP_ALIVE =
            List.of("/bin/sh", "-c", "trap 'exit 0' TERM INT; while :; do sleep 3600 & wait $!; done");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String uri;
    private final DockerClient client;
    private final DockerHttpClient http;

    private DockerHost(String uri, DockerClient client, DockerHttpClient http) {
        this.uri = uri;
        this.client = client;
        this.http = http;
    }

    /**
     * Connects to a daemon ({@code unix:///var/run/docker.sock}, {@code tcp://host:2376}; TLS settings
     * come from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH) and checks that it answers.
     */
    public static DockerHost connect(String uri) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(uri)
                .build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(10))
                .build();
        DockerHost host = new DockerHost(uri, DockerClientImpl.getInstance(config, http), http);
        try {
            host.client.pingCmd().exec();
        } catch (RuntimeException e) {
            host.close();
            throw new HostUnavailableException(
                    "Docker host " + uri + " does not answer: " + rootMessage(e), e);
        }
        return host;
    }

    /** The daemon named by DOCKER_HOST, else the local unix socket. */
    public static DockerHost local() {
        String fromEnv = System.getenv("DOCKER_HOST");
        return connect(fromEnv == null || fromEnv.isBlank() ? "unix:///var/run/docker.sock" : fromEnv);
    }

    public String uri() {
        return uri;
    }

    /** The daemon's engine version, e.g. {@code 20.10.24}. */
    public String engineVersion() {
        return client.versionCmd().exec().getVersion();
    }

    @Override
    public String startContainer(ContainerSpec spec) {
        CreateContainerCmd create = client.createContainerCmd(spec.image()).withLabels(spec.labels());
        spec.process().ifPresent(process -> create
                .withEnv(process.env())
                .withUser(process.user())
                .withWorkingDir(process.workingDir().isEmpty() ? "/" : process.workingDir()));
        return start(create);
    }

    /** Creates and starts a working container from an image with labels; the image may be a snapshot. */
    public String startContainer(String image, Map<String, String> labels) {
        return startContainer(new ContainerSpec(image, labels));
    }

    private String start(CreateContainerCmd create) {
        String id = create.withEntrypoint(KEEP_ALIVE).withCmd(List.of()).exec().getId();
        try {
            client.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            removeContainer(id);
            throw e;
        }
        return id;
    }

    /** How many filesystem layers an image has (overlay2 allows about 125). */
    @Override
    public int layerCount(String image) {
        var rootFs = client.inspectImageCmd(image).exec().getRootFS();
        return rootFs == null || rootFs.getLayers() == null ? 0 : rootFs.getLayers().size();
    }

    /**
     * Exports a container's filesystem and imports it as a single-layer image (the squash that keeps
     * long builds under the layer limit). The image has no configuration of its own.
     */
    @Override
    public String flatten(String containerId, String repository) {
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
            return imageId(repository).orElseThrow(() -> new HostUnavailableException(
                    "the squashed image " + repository + " is missing after its import", null));
        } catch (IOException e) {
            throw new HostUnavailableException("squashing container " + containerId + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Commits a container as an image with exactly the given settings (docker-java's commit cannot
     * set the entrypoint, so this speaks the Engine API directly). Returns the image ID.
     */
    @Override
    public String commit(String containerId, ImageSettings settings) {
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
        try {
            DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.POST)
                    .path("/commit?container=" + URLEncoder.encode(containerId, StandardCharsets.UTF_8) + "&pause=true")
                    .putHeader("Content-Type", "application/json")
                    .body(new ByteArrayInputStream(JSON.writeValueAsBytes(config)))
                    .build();
            try (DockerHttpClient.Response response = http.execute(request)) {
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
    }

    /** The image as the daemon describes it, or empty when it does not have it. */
    @Override
    public Optional<ImageInfo> inspectImage(String reference) {
        try {
            InspectImageResponse image = client.inspectImageCmd(reference).exec();
            return Optional.of(toInfo(image));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Local images carrying a label (any value), newest first. */
    @Override
    public List<ImageSummary> imagesLabelled(String label) {
        return client.listImagesCmd().withLabelFilter(label).exec().stream().map(DockerHost::summary).toList();
    }

    private static ImageSummary summary(Image image) {
        return new ImageSummary(image.getId(), image.getRepoTags() == null ? List.of() : List.of(image.getRepoTags()),
                image.getLabels() == null ? Map.of() : image.getLabels(), image.getSize() == null ? 0 : image.getSize(),
                image.getParentId() == null ? "" : image.getParentId(),
                Instant.ofEpochSecond(image.getCreated() == null ? 0 : image.getCreated()));
    }

    private static ImageInfo toInfo(InspectImageResponse image) {
        ContainerConfig config = image.getConfig();
        List<String> entrypoint = config == null || config.getEntrypoint() == null ? List.of() : List.of(config.getEntrypoint());
        List<String> cmd = config == null || config.getCmd() == null ? List.of() : List.of(config.getCmd());
        List<String> env = config == null || config.getEnv() == null ? List.of() : List.of(config.getEnv());
        List<String> ports = new ArrayList<>();
        if (config != null && config.getExposedPorts() != null) {
            for (var port : config.getExposedPorts()) {
                ports.add(port.toString());
            }
        }
        List<String> volumes = new ArrayList<>();
        if (config != null && config.getVolumes() != null) {
            volumes.addAll(config.getVolumes().keySet());
        }
        Map<String, String> labels = config == null || config.getLabels() == null ? Map.of() : config.getLabels();
        ImageSettings settings = new ImageSettings(entrypoint, cmd, env,
                config == null || config.getWorkingDir() == null ? "" : config.getWorkingDir(),
                config == null || config.getUser() == null ? "" : config.getUser(), ports, volumes, labels);
        Instant created = image.getCreated() == null ? Instant.EPOCH : Instant.parse(image.getCreated());
        return new ImageInfo(image.getId(), image.getRepoTags() == null ? List.of() : image.getRepoTags(), settings,
                image.getSize() == null ? 0 : image.getSize(), created);
    }

    /** A connection that runs commands in the container through {@code docker exec}. */
    @Override
    public DockerExecConnection connection(String containerId) {
        return new DockerExecConnection(client, containerId);
    }

    /** Removes a container and its anonymous volumes; a container that is already gone is fine. */
    @Override
    public void removeContainer(String containerId) {
        try {
            client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException alreadyGone) {
            // removal is idempotent: cleanup paths may race each other
        } catch (ConflictException e) {
            if (!String.valueOf(e.getMessage()).contains("already in progress")) {
                throw e;
            }
            awaitRemoval(containerId);
        }
    }

    /** Another caller is removing the container: return once it is gone, so "removed" means removed. */
    private void awaitRemoval(String containerId) {
        for (int i = 0; i < 100; i++) {
            try {
                client.inspectContainerCmd(containerId).exec();
            } catch (NotFoundException gone) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new HostUnavailableException("container " + containerId + " was still being removed after 10s", null);
    }

    /** IDs of all containers, running or not, that carry the label (with any value). */
    @Override
    public List<ContainerSummary> containersLabelled(String label) {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec().stream()
                .map(DockerHost::summary).toList();
    }

    private static ContainerSummary summary(Container container) {
        return new ContainerSummary(container.getId(), container.getImageId() == null ? "" : container.getImageId(),
                container.getLabels() == null ? Map.of() : container.getLabels());
    }

    /** The image's ID, or empty when the daemon does not have it. */
    public Optional<String> imageId(String reference) {
        try {
            return Optional.of(client.inspectImageCmd(reference).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void tag(String image, String reference) {
        ImageReference ref = ImageReference.parse(reference);
        client.tagImageCmd(image, ref.repository(), ref.tagOrLatest()).exec();
    }

    /** Removes an image reference (and the image when nothing else refers to it). */
    @Override
    public void removeImage(String reference) {
        try {
            client.removeImageCmd(reference).withForce(true).exec();
        } catch (NotFoundException alreadyGone) {
            // idempotent, as for containers
        }
    }

    /** Pushes a tag and returns the manifest digest the registry reported. */
    @Override
    public String push(String reference, Optional<RegistryCredentials> credentials) {
        ImageReference ref = ImageReference.parse(reference);
        AtomicReference<String> digest = new AtomicReference<>();
        var push = client.pushImageCmd(ref.repository()).withTag(ref.tagOrLatest());
        credentials.map(DockerHost::authConfig).ifPresent(push::withAuthConfig);
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
        awaitStream("push " + reference, () -> push.exec(errors), errors, ref);
        if (digest.get() == null) {
            throw new RegistryException(RegistryException.Kind.TRANSIENT,
                    "push of " + reference + " ended without a digest from the registry");
        }
        return digest.get();
    }

    /** Pulls a reference (by tag or by digest). */
    @Override
    public void pull(String reference, Optional<RegistryCredentials> credentials) {
        ImageReference ref = ImageReference.parse(reference);
        var pull = client.pullImageCmd(ref.repository())
                .withTag(ref.digest().isEmpty() ? ref.tagOrLatest() : ref.digest());
        credentials.map(DockerHost::authConfig).ifPresent(pull::withAuthConfig);
        StreamErrors<PullResponseItem> errors = new StreamErrors<>();
        awaitStream("pull " + reference, () -> pull.exec(errors), errors, ref);
    }

    private void awaitStream(String what, Runnable start, StreamErrors<?> stream, ImageReference ref) {
        try {
            start.run();
            stream.awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Kind.TRANSIENT, what + " was interrupted");
        } catch (DockerException e) {
            throw classify(what, ref, e.getHttpStatus(), rootMessage(e));
        } catch (RuntimeException e) {
            throw classify(what, ref, 0, rootMessage(e));
        }
        stream.error().ifPresent(message -> {
            throw classify(what, ref, 0, message);
        });
    }

    private static RegistryException classify(String what, ImageReference ref, int status, String message) {
        String registry = ref.registryHost().orElse("docker.io");
        String lower = message.toLowerCase();
        if (status == 401 || lower.contains("unauthorized") || lower.contains("authentication required")
                || lower.contains("no basic auth credentials") || lower.contains("denied")) {
            return new RegistryException(RegistryException.Kind.UNAUTHORIZED,
                    what + ": registry " + registry + " refused the credentials (" + message + ")");
        }
        if (status == 404 || lower.contains("not found") || lower.contains("manifest unknown")) {
            return new RegistryException(RegistryException.Kind.NOT_FOUND, what + ": " + message);
        }
        return new RegistryException(RegistryException.Kind.TRANSIENT, what + " failed: " + message);
    }

    private static AuthConfig authConfig(RegistryCredentials credentials) {
        return new AuthConfig()
                .withRegistryAddress(credentials.registry())
                .withUsername(credentials.username())
                .withPassword(credentials.password());
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.strip();
    }

    DockerClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // nothing left to release
        }
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
