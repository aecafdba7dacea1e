package dev.playbake.cli;

import dev.playbake.api.BuildRequests;
import dev.playbake.api.ImageConfigValues;
import dev.playbake.api.v1alpha1.CacheSpec;
import dev.playbake.api.v1alpha1.ImageConfigSpec;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code playbake build}'s image settings, the flags of an ImageBuild's {@code spec.config},
 * {@code spec.output.labels} and {@code spec.cache}, read into the manifest's own types so that one mapping
 * ({@link BuildRequests}) turns both into a build's settings.
 */
final class ImageOptions {

    @Option(names = "--cmd", paramLabel = "COMMAND", description = "The image's CMD: a JSON array"
            + " ('[\"nginx\",\"-g\",\"daemon off;\"]', the exec form), or a string run by /bin/sh -c (the shell form).")
    String cmd;

    @Option(names = "--entrypoint", paramLabel = "COMMAND", description = "The image's ENTRYPOINT, read as --cmd.")
    String entrypoint;

    @Option(names = "--env", paramLabel = "KEY=VALUE",
            description = "An environment variable of the image (repeatable); -e is Ansible's extra vars.")
    List<String> env = new ArrayList<>();

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label of the image (repeatable).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--user", paramLabel = "USER[:GROUP]", description = "The user the image runs as.")
    String user;

    @Option(names = "--workdir", paramLabel = "DIR", description = "The image's working directory (absolute).")
    String workdir;

    @Option(names = "--expose", paramLabel = "PORT[/PROTO]",
            description = "A port the image exposes, tcp unless /udp or /sctp (repeatable).")
    List<String> expose = new ArrayList<>();

    @Option(names = "--volume", paramLabel = "PATH", description = "A volume of the image (absolute; repeatable).")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--snapshots", paramLabel = "auto|every|none", description = "When snapshots are taken: auto"
            + " (when the work since the last cost more than one), every (after each task that changed something),"
            + " none (resume from none: --no-cache).")
    String snapshots;

    /** The flags checked and mapped; a wrong value is a {@link BadInputException} naming its flag. */
    ImageFlags flags() {
        ImageConfigSpec config = new ImageConfigSpec();
        Optional.ofNullable(cmd).ifPresent(value -> config.cmd.addAll(ExecForm.parse("--cmd", value)));
        Optional.ofNullable(entrypoint).ifPresent(value -> config.entrypoint.addAll(ExecForm.parse("--entrypoint", value)));
        config.env.putAll(pairs("--env", env, ImageConfigValues::envNameProblem));
        config.user = checked("--user", user, ImageConfigValues::userProblem);
        config.workingDir = checked("--workdir", workdir, ImageConfigValues::pathProblem);
        expose.forEach(port -> config.exposedPorts.add(checked("--expose", port, ImageConfigValues::portProblem)));
        volumes.forEach(path -> config.volumes.add(checked("--volume", path, ImageConfigValues::pathProblem)));
        Optional<CacheSpec> cache = cache();
        return new ImageFlags(BuildRequests.imageConfig(config),
                pairs("--label", labels, ImageConfigValues::labelKeyProblem),
                cache.map(BuildRequests::cacheMode), cache.map(BuildRequests::snapshots));
    }

    /** {@code --snapshots} as the manifest's {@code spec.cache}: none is {@code mode: Disabled}. */
    private Optional<CacheSpec> cache() {
        if (snapshots == null) {
            return Optional.empty();
        }
        CacheSpec cache = new CacheSpec();
        switch (snapshots) {
            case "auto" -> cache.snapshots = CacheSpec.Snapshots.AUTO;
            case "every" -> cache.snapshots = CacheSpec.Snapshots.EVERY_CHANGE;
            case "none" -> cache.mode = CacheSpec.Mode.DISABLED;
            default -> throw new BadInputException("--snapshots " + snapshots + ": give auto, every or none");
        }
        return Optional.of(cache);
    }

    /** The value, or null when the flag is not given: the manifest's types leave unset fields null. */
    private static String checked(String flag, String value, Function<String, Optional<String>> problem) {
        if (value == null) {
            return null;
        }
        problem.apply(value).ifPresent(reason -> {
            throw new BadInputException(flag + " " + value + ": " + reason);
        });
        return value;
    }

    private static Map<String, String> pairs(String flag, List<String> values,
                                             Function<String, Optional<String>> keyProblem) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String value : values) {
            int eq = value.indexOf('=');
            if (eq < 0) {
                throw new BadInputException(flag + " " + value + ": expected KEY=VALUE");
            }
            String key = value.substring(0, eq);
            keyProblem.apply(key).ifPresent(reason -> {
                throw new BadInputException(flag + " " + value + ": '" + key + "' is " + reason);
            });
            pairs.put(key, value.substring(eq + 1));
        }
        return pairs;
    }
}
