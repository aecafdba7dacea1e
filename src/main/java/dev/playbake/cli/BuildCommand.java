package dev.playbake.cli;

import dev.playbake.docker.DockerHost;
import dev.playbake.engine.ControllerAccess;
import dev.playbake.engine.TagSelection;
import dev.playbake.image.ImageReference;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.imagebuild.BuildFailure;
import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.imagebuild.RegistryCache;
import dev.playbake.imagebuild.BuildResult;
import dev.playbake.imagebuild.CancellationSignal;
import dev.playbake.imagebuild.ImageBuilder;
import dev.playbake.imagebuild.OrphanCollector;
import dev.playbake.imagebuild.PlaybookSource;
import dev.playbake.imagebuild.cache.Labels;
import dev.playbake.modules.ServiceStatePolicy;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.YamlLoader;
import dev.playbake.runtime.HostUnavailableException;
import dev.playbake.template.ControllerEnvironment;
import dev.playbake.template.PasswordStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** {@code playbake build FILE}: builds an image from a playbook or an ImageBuild manifest on the local Docker. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build an image from a playbook (or ImageBuild manifests) with the local Docker daemon.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:built", "1:the build failed (a task, the push)", "2:bad input (file, YAML, spec)",
                "3:Docker host or registry unreachable"})
public class BuildCommand implements Callable<Integer> {

    static final int BUILT = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int UNREACHABLE = 3;

    @Parameters(index = "0", paramLabel = "FILE|DIR", description = "A playbook; or ImageBuild and ConfigMap"
            + " manifests: a file of them (--- between documents) or a directory of such files.")
    Path file;

    @Option(names = "--name", paramLabel = "NAME", description = "The ImageBuild to build when the manifests hold several.")
    String buildName;

    @Option(names = "--base", paramLabel = "IMAGE", description = "Base image (overrides the manifest's).")
    String base;

    @Option(names = {"-t", "--tag"}, paramLabel = "REF", description = "Tag the image (repeatable; overrides the manifest's).")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-e", "--var"}, paramLabel = "KEY=VALUE",
            description = "Extra var (repeatable): KEY=VALUE, @vars.yml, or inline YAML/JSON.")
    List<String> vars = new ArrayList<>();

    @Option(names = "--tags", paramLabel = "TAGS", split = ",",
            description = "Run only tasks with these tags (repeatable or comma-separated), as ansible-playbook --tags.")
    List<String> onlyTags = new ArrayList<>();

    @Option(names = "--skip-tags", paramLabel = "TAGS", split = ",",
            description = "Skip tasks with these tags (repeatable or comma-separated), as ansible-playbook --skip-tags.")
    List<String> skipTags = new ArrayList<>();

    @Option(names = "--no-cache", description = "Run every task, resuming from no snapshot; the build still leaves its snapshots, so the next"
            + " build resumes from them (as docker build --no-cache).")
    boolean noCache;

    @Option(names = "--strict-service-state", description = "Fail service tasks that ask for a running state"
            + " (started, restarted, daemon_reload, …); by default they start nothing and report Ansible's status,"
            + " since a build container runs no init. Enabling services works either way.")
    boolean strictServiceState;

    // the default since services are recorded; kept so that scripts written for the old default still run
    @Option(names = "--ignore-service-state", hidden = true)
    boolean ignoreServiceState;

    @Option(names = "--push", description = "Push every tag (credentials from ~/.docker/config.json).")
    boolean push;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto, tty, plain or json (default: ${DEFAULT-VALUE}).")
    String progress;

    @Option(names = "--docker-host", paramLabel = "URI", description = "Docker daemon (default: DOCKER_HOST or the local socket).")
    String dockerHost;

    @Option(names = "--artifacts", paramLabel = "DIR", description = "Where fetch tasks put files from the image; "
            + "their dest is inside it, absolute or not (default: artifacts beside FILE, or in DIR).")
    Path artifacts;

    @Option(names = "--cache-from", paramLabel = "REPO", description = "Resume from snapshots in this registry "
            + "repository when the Docker host lacks them (repeatable; tried in order).")
    List<String> cacheFrom = new ArrayList<>();

    @Option(names = "--cache-to", paramLabel = "REPO", description = "After a successful build, push its snapshots "
            + "to this registry repository (one tag per cache key; only missing layers move).")
    String cacheTo;

    @Option(names = "--cache-scope", paramLabel = "NAMESPACE", description = "Compute cache keys as the operator does "
            + "for ImageBuilds of this namespace (shared: its shared cache), so that --cache-from its cache repository "
            + "resumes from what the operator built (default: the CLI's own keys).")
    String cacheScope;

    @Mixin
    ImageOptions image = new ImageOptions();

    @Override
    public Integer call() {
        Progress out;
        try {
            out = Progress.of(progress, System.out, System.err, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("playbake: " + e.getMessage());
            return BAD_INPUT;
        }
        BuildRequest request;
        try {
            request = request();
        } catch (BadInputException | PlaybookException e) {
            out.ended(Ending.refused("playbake: " + e.getMessage()));
            Debug.trace(e, System.err);
            return BAD_INPUT;
        }
        DockerHost docker;
        try {
            docker = dockerHost == null ? DockerHost.local() : DockerHost.connect(dockerHost);
        } catch (HostUnavailableException e) {
            out.ended(Ending.refused("playbake: " + e.getMessage()));
            Debug.trace(e, System.err);
            return UNREACHABLE;
        }
        try (docker) {
            OrphanCollector.collect(docker, OrphanCollector::cliProcessGone);
            CancellationSignal cancellation = new CancellationSignal();
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                cancellation.cancel("interrupted");
                try {
                    done.await(20, TimeUnit.SECONDS);  // let the build remove its container and say how it ended
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "playbake-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            int exit;
            try {
                // lookup('password') writes next to the playbook, as ansible-playbook does on its controller
                BuildResult result = new ImageBuilder(docker, SecretKey.load(),
                        Map.of(Labels.PROCESS, OrphanCollector.processLabel()), PasswordStore.directory(home()),
                        UserCache.artifactStore())
                        .build(request, out, cancellation);
                exit = report(result, out);
            } finally {
                done.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook is running and waits for us
            }
            return exit;
        }
    }

    private int report(BuildResult result, Progress out) {
        if (result instanceof BuildResult.Succeeded ok) {
            out.ended(Ending.succeeded(ok));
            return BUILT;
        }
        if (result instanceof BuildResult.Canceled canceled) {
            out.ended(Ending.canceled("playbake: build canceled (" + canceled.reason() + ")"));
            return FAILED;
        }
        BuildFailure failure = ((BuildResult.Failed) result).failure();
        StringBuilder message = new StringBuilder("playbake: ");
        failure.file().ifPresent(f -> message.append(f).append(failure.line() > 0 ? ":" + failure.line() : "").append(": "));
        message.append(failure.message());
        failure.debugImage().ifPresent(image -> message.append("\n  the failed container is kept as ").append(image)
                .append("; look inside with: docker run --rm -it --entrypoint /bin/sh ").append(image));
        out.ended(Ending.failed(failure, message.toString()));
        return switch (failure.reason()) {
            case INVALID_SPEC -> BAD_INPUT;
            case HOST_UNAVAILABLE, PULL_FAILED -> UNREACHABLE;
            case PUSH_FAILED -> UNREACHABLE;
            default -> FAILED;
        };
    }

    // package-private: the unit tests read what a command line asks for without a Docker host
    BuildRequest request() {
        Optional.ofNullable(base).filter(b -> !b.isBlank()).ifPresent(b -> checkReference("--base", b));
        tags.forEach(tag -> checkReference("-t", tag));
        RegistryCache registryCache = registryCache();
        String scope = cacheScope();
        ImageFlags imageFlags = image.flags();
        if (noCache && imageFlags.cache().orElse(BuildRequest.CacheMode.DISABLED) == BuildRequest.CacheMode.ENABLED) {
            throw new BadInputException("--no-cache and --snapshots " + image.snapshots + " contradict each other;"
                    + " give one (--snapshots none is --no-cache)");
        }
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": no such file or directory");
        }
        Path dir = home();
        Map<String, Object> extraVars = ExtraVars.parse(vars, dir);
        Path artifactFolder = artifactFolder();
        Map<String, RegistryCredentials> credentials = DockerConfigCredentials.load();
        BuildRequest request;
        if (Files.isDirectory(file)) {
            ManifestFiles.Directory manifests = ManifestFiles.directory(file);
            Set<String> names = manifests.manifests().stream().map(m -> m.getFileName().toString())
                    .collect(Collectors.toSet());
            request = ManifestRequest.from(ManifestSet.of(file, manifests.objects(), Optional.ofNullable(buildName)),
                    () -> besideFiles(dir, artifactFolder, names), credentials);
        } else {
            String name = file.getFileName().toString();
            String text = read();
            List<Object> documents = YamlLoader.loadAll(name, text);
            if (ManifestFiles.isManifest(documents)) {
                request = ManifestRequest.from(ManifestSet.of(file, ManifestFiles.of(file, documents),
                        Optional.ofNullable(buildName)), () -> besideFiles(dir, artifactFolder, Set.of(name)), credentials);
            } else {
                request = playbookRequest(new PlaybookSource(name, text, besideFiles(dir, artifactFolder, Set.of(name))),
                        credentials);
            }
        }
        // flags win over the file (docs/architecture.md, "Entry: the CLI and the operator")
        request = imageFlags.over(request);
        Map<String, Object> allVars = new LinkedHashMap<>(request.extraVars());
        allVars.putAll(extraVars);
        return request.toBuilder()
                .owner("cli")
                .baseImage(base == null || base.isBlank() ? request.baseImage() : base)
                .tags(tags.isEmpty() ? request.tags() : tags)
                .push(push)
                .extraVars(allVars)
                .cache(noCache ? BuildRequest.CacheMode.DISABLED : request.cache())
                .serviceState(serviceState(request.serviceState()))
                // a manifest's selection stands unless the flags give one
                .tagSelection(onlyTags.isEmpty() && skipTags.isEmpty() ? request.tagSelection()
                        : new TagSelection(Set.copyOf(onlyTags), Set.copyOf(skipTags)))
                .artifacts(Optional.of(artifactFolder))
                .registryCache(registryCache)
                .cacheScope(scope)
                // the user's own machine: its network and environment, a manifest's controllerEnv on top
                .controller(ControllerAccess.open().withEnvironment(
                        ControllerEnvironment.process(request.controller().environment().given())))
                .build();
    }

    /** The files in {@code dir} a build may read: not the manifests or the playbook, nor what fetch wrote. */
    private static Map<String, byte[]> besideFiles(Path dir, Path artifactFolder, Set<String> input) {
        // what fetch wrote last time is output, not input: it must not change the cache keys
        Map<String, byte[]> files = new LinkedHashMap<>(BuildContext.load(dir, artifactFolder));
        files.keySet().removeAll(input);
        return files;
    }

    private String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
    }

    /** A plain playbook: the flags give what a manifest would. */
    private BuildRequest playbookRequest(PlaybookSource playbook, Map<String, RegistryCredentials> credentials) {
        if (buildName != null) {
            throw new BadInputException("--name chooses among the ImageBuilds of a manifest; " + file + " is a playbook");
        }
        if (base == null || base.isBlank()) {
            throw new BadInputException("give the base image with --base IMAGE");
        }
        if (tags.isEmpty()) {
            throw new BadInputException("give the image's name with -t REF");
        }
        return BuildRequest.builder(UUID.randomUUID().toString(), "cli", playbook, base)
                .tags(tags)
                .push(push)
                .credentials(credentials)
                .build();
    }

    /** The directory FILE names, or the one it is in: where the build's files, artifacts and passwords are. */
    private Path home() {
        Path absolute = file.toAbsolutePath();
        return Files.isDirectory(absolute) ? absolute : absolute.getParent();
    }

    /** A reference given as a flag is read with Docker's grammar before anything else happens. */
    private static void checkReference(String flag, String reference) {
        try {
            ImageReference.parse(reference);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(flag + " " + e.getMessage());
        }
    }

    /** {@code --cache-from} and {@code --cache-to}, each a repository without a tag. */
    private RegistryCache registryCache() {
        cacheFrom.forEach(repository -> checkReference("--cache-from", repository));
        Optional.ofNullable(cacheTo).ifPresent(repository -> checkReference("--cache-to", repository));
        try {
            return new RegistryCache(cacheFrom, Optional.ofNullable(cacheTo));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** {@code --cache-scope}: a namespace's name as Kubernetes allows it, or {@code shared}; empty without the flag. */
    private String cacheScope() {
        if (cacheScope == null) {
            return "";
        }
        if (cacheScope.equals("shared")) {
            return BuildRequest.SHARED_CACHE_SCOPE;
        }
        if (!cacheScope.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw new BadInputException("--cache-scope " + cacheScope + ": not a namespace name (lower-case letters, "
                    + "digits and '-', at most 63) nor 'shared'");
        }
        return cacheScope;
    }

    /** The flags' service-state policy, else the manifest's. */
    private ServiceStatePolicy serviceState(ServiceStatePolicy manifest) {
        if (strictServiceState && ignoreServiceState) {
            throw new BadInputException("--strict-service-state and --ignore-service-state contradict each other;"
                    + " give one (--ignore-service-state is the default)");
        }
        return strictServiceState ? ServiceStatePolicy.STRICT : ignoreServiceState ? ServiceStatePolicy.RECORD : manifest;
    }

    /** {@code --artifacts}, else {@code artifacts} in {@link #home()}: where Ansible would resolve a relative dest. */
    private Path artifactFolder() {
        Path folder = artifacts != null ? artifacts : home().resolve("artifacts");
        return folder.toAbsolutePath().normalize();
    }
}
