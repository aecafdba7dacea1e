package dev.playbake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbake.api.v1alpha1.CacheSpec;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildSpec;
import dev.playbake.api.v1alpha1.ImageConfigSpec;
import dev.playbake.api.v1alpha1.OutputSpec;
import dev.playbake.api.v1alpha1.Patterns;
import dev.playbake.engine.ControllerAccess;
import dev.playbake.engine.TagSelection;
import dev.playbake.image.ImageReference;
import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.imagebuild.ImageConfig;
import dev.playbake.imagebuild.PlaybookSource;
import dev.playbake.modules.ServiceStatePolicy;
import dev.playbake.runtime.ContainerLimits;
import dev.playbake.template.ControllerEnvironment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an ImageBuild and the contents it refers to into a {@link BuildRequest}, with no cluster
 * involved: the operator and the CLI ({@code playbake build imagebuild.yaml}) build the same thing.
 */
public final class BuildRequests {

    /** When a spec sets no timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    /** The file name an embedded playbook is cited as in errors. */
    public static final String EMBEDDED_PLAYBOOK = "playbook.yml";

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OUTPUT_IMAGE = Pattern.compile(Patterns.OUTPUT_IMAGE);
    /** Docker's distribution/reference limit on a repository name, registry included. */
    private static final int MAX_REPOSITORY = 255;
    /** Longer is never valid (repository and tag together); checked before the pattern is run. */
    private static final int MAX_REFERENCE = MAX_REPOSITORY + 129;

    private BuildRequests() {
    }

    /**
     * The build request for this resource.
     *
     * @throws InvalidSpecException listing every problem of the spec
     */
    public static BuildRequest from(ImageBuild build, ResolvedInputs inputs, String buildId, String owner) {
        return from(build, inputs, buildId, owner, BuildContainerPolicy.UNLIMITED);
    }

    /**
     * The build request for this resource, its container's limits and network within the policy.
     *
     * @throws InvalidSpecException listing every problem of the spec, a limit above the policy's maximum too
     */
    public static BuildRequest from(ImageBuild build, ResolvedInputs inputs, String buildId, String owner,
                                    BuildContainerPolicy policy) {
        ImageBuildSpec spec = build.getSpec();
        if (spec == null) {
            throw new InvalidSpecException(List.of(new SpecProblem("spec", "is missing")));
        }
        List<SpecProblem> problems = new ArrayList<>();
        PlaybookSource playbook = playbook(spec, inputs, problems);
        String baseImage = imageReference("spec.baseImage", spec.baseImage, problems);
        List<String> tags = tags(spec.output, problems);
        Map<String, Object> vars = vars(spec.vars, problems);
        checkSecretVars(inputs.secretVars(), vars, problems);
        Duration timeout = duration("spec.timeout", spec.timeout, DEFAULT_TIMEOUT, problems);
        ImageConfig config = config(spec.config, problems);
        if (spec.output != null) {
            spec.output.labels.keySet().forEach(key -> ImageConfigValues.labelKeyProblem(key).ifPresent(problem ->
                    problems.add(new SpecProblem("spec.output.labels", "'" + key + "': " + problem))));
        }
        ServiceStatePolicy serviceState = serviceState(spec, problems);
        ContainerLimits limits = policy.limits(spec, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        CacheSpec cache = spec.cache == null ? new CacheSpec() : spec.cache;
        // no artifact folder: the operator has nowhere to hand files back to, so a fetch task fails the build
        // before it starts
        return BuildRequest.builder(buildId, owner, playbook, baseImage)
                .tags(tags)
                .push(true)
                .insecure(spec.output.insecure)
                .extraVars(vars)
                .secretVars(inputs.secretVars())
                .config(config)
                .labels(spec.output.labels)
                .cache(cacheMode(cache))
                .snapshots(snapshots(cache))
                .credentials(inputs.credentials())
                .pushCredentials(inputs.pushCredentials())
                .timeout(timeout)
                .serviceState(serviceState)
                .tagSelection(new TagSelection(Set.copyOf(spec.onlyTags), Set.copyOf(spec.skipTags)))
                .limits(limits)
                // the environment is the spec's alone; where HTTP may go is the operator's to say (OperatorEgress)
                .controller(ControllerAccess.open().withEnvironment(ControllerEnvironment.only(spec.controllerEnv)))
                .build();
    }

    /** {@code spec.serviceState}; the older {@code ignoreServiceState: true} is the default, Record, and contradicts Strict. */
    private static ServiceStatePolicy serviceState(ImageBuildSpec spec, List<SpecProblem> problems) {
        boolean strict = spec.serviceState == ImageBuildSpec.ServiceState.STRICT;
        if (strict && Boolean.TRUE.equals(spec.ignoreServiceState)) {
            problems.add(new SpecProblem("spec.ignoreServiceState",
                    "true contradicts spec.serviceState: Strict; remove it (it is the default, serviceState: Record)"));
        }
        return strict ? ServiceStatePolicy.STRICT : ServiceStatePolicy.RECORD;
    }

    /** A duration field, its default when unset; an unparsable one is a problem. */
    static Duration duration(String field, String text, Duration fallback, List<SpecProblem> problems) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        Optional<Duration> parsed = Durations.parse(text);
        if (parsed.isEmpty()) {
            problems.add(new SpecProblem(field, "'" + text + "' is not a duration such as 90s, 30m or 1h30m"));
        }
        return parsed.orElse(fallback);
    }

    private static PlaybookSource playbook(ImageBuildSpec spec, ResolvedInputs inputs, List<SpecProblem> problems) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        spec.files.forEach((path, content) -> files.put(path, content.getBytes(StandardCharsets.UTF_8)));
        inputs.files().forEach(files::putIfAbsent);
        files.keySet().stream().filter(path -> !isRelativePath(path)).forEach(path -> problems.add(
                new SpecProblem("spec.files", "'" + path + "' must be a relative path without '..'")));
        boolean embedded = spec.playbook != null && !spec.playbook.isBlank();
        if (embedded && spec.playbookFrom != null) {
            problems.add(new SpecProblem("spec.playbook", "set either playbook or playbookFrom, not both"));
        }
        if (embedded) {
            return new PlaybookSource(EMBEDDED_PLAYBOOK, spec.playbook, files);
        }
        if (spec.playbookFrom == null) {
            problems.add(new SpecProblem("spec.playbook", "set playbook or playbookFrom"));
            return new PlaybookSource(EMBEDDED_PLAYBOOK, "", files);
        }
        return inputs.playbookFrom()
                .map(text -> new PlaybookSource(text.fileName(), text.content(), files))
                .orElseGet(() -> {
                    problems.add(new SpecProblem("spec.playbookFrom", "the referenced playbook was not read"));
                    return new PlaybookSource(EMBEDDED_PLAYBOOK, "", files);
                });
    }

    private static boolean isRelativePath(String path) {
        return !path.isEmpty() && !path.startsWith("/")
                && List.of(path.split("/")).stream().noneMatch(part -> part.isEmpty() || part.equals(".."));
    }

    private static String imageReference(String field, String reference, List<SpecProblem> problems) {
        if (reference == null || reference.isBlank()) {
            problems.add(new SpecProblem(field, "is required"));
            return "";
        }
        try {
            ImageReference.parse(reference);
        } catch (IllegalArgumentException e) {
            problems.add(new SpecProblem(field, e.getMessage()));
        }
        return reference;
    }

    private static List<String> tags(OutputSpec output, List<SpecProblem> problems) {
        if (output == null) {
            problems.add(new SpecProblem("spec.output", "is required"));
            return List.of();
        }
        List<SpecProblem> imageProblems = new ArrayList<>();
        String image = imageReference("spec.output.image", output.image, imageProblems);
        if (imageProblems.isEmpty()) {
            pushable(image).ifPresent(problem -> imageProblems.add(new SpecProblem("spec.output.image", problem)));
        }
        problems.addAll(imageProblems);
        List<String> tags = new ArrayList<>(List.of(image));
        if (!imageProblems.isEmpty()) {
            return tags;
        }
        String repository = ImageReference.parse(image).repository();
        for (String tag : output.additionalTags) {
            if (TAG.matcher(tag).matches()) {
                tags.add(repository + ":" + tag);
            } else {
                problems.add(new SpecProblem("spec.output.additionalTags", "'" + tag + "' is not a tag"));
            }
        }
        return tags;
    }

    /**
     * Why a reference cannot be pushed as given, checked before the build so a user's typo fails at once as
     * InvalidSpec instead of at tag time, where it looked like a host fault and was retried.
     */
    static Optional<String> pushable(String image) {
        if (image.length() > MAX_REFERENCE || !OUTPUT_IMAGE.matcher(image).matches()) {
            return Optional.of("'" + abbreviated(image) + "' is not a reference an image can be pushed as:"
                    + " [registry[:port]/]path[:tag], the path in lower case, the tag at most 128 characters,"
                    + " no scheme and no digest");
        }
        int length = ImageReference.parse(image).repository().length();
        if (length > MAX_REPOSITORY) {
            return Optional.of("the repository name '" + abbreviated(image) + "' has " + length
                    + " characters; registries take at most " + MAX_REPOSITORY);
        }
        return Optional.empty();
    }

    private static String abbreviated(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static Map<String, Object> vars(Map<String, JsonNode> vars, List<SpecProblem> problems) {
        Map<String, Object> result = new LinkedHashMap<>();
        vars.forEach((name, value) -> {
            if (!VARIABLE.matcher(name).matches()) {
                problems.add(new SpecProblem("spec.vars", "'" + name + "' is not a variable name"));
            }
            if (value == null || value.isNull()) {
                problems.add(new SpecProblem("spec.vars", "'" + name + "' has no value"));
            } else {
                result.put(name, JSON.convertValue(value, Object.class));
            }
        });
        return result;
    }

    private static void checkSecretVars(Map<String, String> secretVars, Map<String, Object> vars,
                                        List<SpecProblem> problems) {
        secretVars.keySet().forEach(name -> {
            if (!VARIABLE.matcher(name).matches()) {
                problems.add(new SpecProblem("spec.secretVars", "secret key '" + name + "' is not a variable name"));
            } else if (vars.containsKey(name)) {
                problems.add(new SpecProblem("spec.secretVars", "'" + name + "' is also set in spec.vars"));
            }
        });
    }

    /** {@code spec.cache.mode}: whether the cache is used; enabled unless the spec disables it. */
    public static BuildRequest.CacheMode cacheMode(CacheSpec cache) {
        return cache.mode == CacheSpec.Mode.DISABLED ? BuildRequest.CacheMode.DISABLED : BuildRequest.CacheMode.ENABLED;
    }

    /** {@code spec.cache.snapshots}: when snapshots are taken; Auto unless the spec says EveryChange. */
    public static BuildRequest.SnapshotPolicy snapshots(CacheSpec cache) {
        return cache.snapshots == CacheSpec.Snapshots.EVERY_CHANGE
                ? BuildRequest.SnapshotPolicy.EVERY_CHANGE : BuildRequest.SnapshotPolicy.AUTO;
    }

    /** {@code spec.config}'s values checked ({@link ImageConfigValues}), then mapped. */
    private static ImageConfig config(ImageConfigSpec config, List<SpecProblem> problems) {
        if (config == null) {
            return ImageConfig.inherit();
        }
        config.env.keySet().forEach(name -> ImageConfigValues.envNameProblem(name).ifPresent(problem ->
                problems.add(new SpecProblem("spec.config.env", "'" + name + "': " + problem))));
        Optional.ofNullable(config.workingDir).flatMap(ImageConfigValues::pathProblem).ifPresent(problem ->
                problems.add(new SpecProblem("spec.config.workingDir", "'" + config.workingDir + "': " + problem)));
        Optional.ofNullable(config.user).flatMap(ImageConfigValues::userProblem).ifPresent(problem ->
                problems.add(new SpecProblem("spec.config.user", "'" + config.user + "': " + problem)));
        config.exposedPorts.forEach(port -> ImageConfigValues.portProblem(port).ifPresent(problem ->
                problems.add(new SpecProblem("spec.config.exposedPorts", "'" + port + "': " + problem))));
        config.volumes.forEach(path -> ImageConfigValues.pathProblem(path).ifPresent(problem ->
                problems.add(new SpecProblem("spec.config.volumes", "'" + path + "': " + problem))));
        return imageConfig(config);
    }

    /** {@code spec.config} as the image configuration of the result: what a manifest and the CLI's flags both set. */
    public static ImageConfig imageConfig(ImageConfigSpec config) {
        return new ImageConfig(config.cmd, config.entrypoint, config.env, Optional.ofNullable(config.workingDir),
                Optional.ofNullable(config.user), config.exposedPorts, config.volumes);
    }
}
