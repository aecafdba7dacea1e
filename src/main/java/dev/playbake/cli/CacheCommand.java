package dev.playbake.cli;

import dev.playbake.api.Durations;
import dev.playbake.docker.DockerHost;
import dev.playbake.imagebuild.cache.CacheInventory;
import dev.playbake.runtime.HostUnavailableException;
import dev.playbake.image.ImageReference;
import dev.playbake.imagebuild.cache.PruneScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code playbake cache ls | du | prune}: the snapshots on the local Docker host. */
@Command(name = "cache", mixinStandardHelpOptions = true, description = "List, measure or prune build snapshots.",
        subcommands = {CacheCommand.Ls.class, CacheCommand.Du.class, CacheCommand.Prune.class})
public class CacheCommand {

    @Option(names = "--docker-host", paramLabel = "URI", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Docker daemon (default: DOCKER_HOST or the local socket).")
    String dockerHost;

    DockerHost connect() {
        return dockerHost == null ? DockerHost.local() : DockerHost.connect(dockerHost);
    }

    /** {@code playbake cache ls [IMAGE]}. */
    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List snapshots (of IMAGE's builds when"
            + " given): what each adds to the image under it, age, build, whether prune (or prune --all) removes it,"
            + " step; then the totals.")
    static class Ls implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        CacheCommand parent;

        @Parameters(arity = "0..1", paramLabel = "IMAGE", description = "Only this image's snapshots (its repository;"
                + " a tag is ignored: one chain of snapshots serves every tag).")
        String image;

        @Override
        public Integer call() {
            Optional<String> only;
            try {
                only = Optional.ofNullable(image).map(value -> repository(value, "IMAGE " + value));
            } catch (BadInputException e) {
                System.err.println("playbake: " + e.getMessage());
                return BuildCommand.BAD_INPUT;
            }
            try (DockerHost docker = parent.connect()) {
                CacheInventory.Census census = new CacheInventory(docker).census();
                PruneScope scope = only.map(PruneScope.unreachable()::ofImage).orElse(PruneScope.unreachable());
                Instant now = Instant.now();
                Set<CacheInventory.Snapshot> pruned = Set.copyOf(census.removable(scope, now));
                Set<CacheInventory.Snapshot> prunedWithAll = Set.copyOf(census.removable(scope.withAll(true), now));
                List<CacheInventory.Snapshot> shown = only.map(census::of).orElse(census.snapshots());
                String row = "%-" + width(shown.stream().map(CacheInventory.Snapshot::name), "SNAPSHOT")
                        + "s %-10s %-6s %-10s %-7s %s%n";
                System.out.printf(row, "SNAPSHOT", "ADDS", "AGE", "BUILD", "PRUNE", "STEP");
                for (CacheInventory.Snapshot s : shown) {
                    String fate = pruned.contains(s) ? "yes" : prunedWithAll.contains(s) ? "--all" : "no";
                    System.out.printf(row, s.name(), size(census.bytes(List.of(s))),
                            age(Duration.between(s.created(), now)),
                            s.build().length() > 8 ? s.build().substring(0, 8) : s.build(), fate, s.step());
                }
                System.out.printf("%d snapshots, %s; prune frees %s, prune --all %s%n", shown.size(),
                        size(census.bytes(shown)), size(census.bytes(pruned)), size(census.bytes(prunedWithAll)));
                return 0;
            } catch (HostUnavailableException e) {
                System.err.println("playbake: " + e.getMessage());
                return BuildCommand.UNREACHABLE;
            }
        }
    }

    /** {@code playbake cache du}. */
    @Command(name = "du", mixinStandardHelpOptions = true, description = "Disk the snapshots take per image:"
            + " snapshots, size, what prune --all --filter image=IMAGE would free, when the last one was made.")
    static class Du implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        CacheCommand parent;

        @Override
        public Integer call() {
            try (DockerHost docker = parent.connect()) {
                CacheInventory.Census census = new CacheInventory(docker).census();
                Instant now = Instant.now();
                String row = "%-" + width(census.images().stream(), "<unknown>") + "s %-9s %-10s %-12s %s%n";
                System.out.printf(row, "IMAGE", "SNAPSHOTS", "SIZE", "RECLAIMABLE", "LAST BUILT");
                for (String image : census.images()) {
                    List<CacheInventory.Snapshot> own = census.of(image);
                    PruneScope all = new PruneScope(true, Set.of(image), Optional.empty());
                    System.out.printf(row, image.isEmpty() ? "<unknown>" : image, own.size(),
                            size(census.bytes(own)), size(census.bytes(census.removable(all, now))),
                            age(Duration.between(own.get(own.size() - 1).created(), now)) + " ago");
                }
                System.out.printf("Total: %s in %d snapshots; reclaimable: %s by prune --all, %s by prune%n",
                        size(census.bytes(census.snapshots())), census.snapshots().size(),
                        size(census.bytes(census.removable(PruneScope.unreachable().withAll(true), now))),
                        size(census.bytes(census.removable(PruneScope.unreachable(), now))));
                return 0;
            } catch (HostUnavailableException e) {
                System.err.println("playbake: " + e.getMessage());
                return BuildCommand.UNREACHABLE;
            }
        }
    }

    /**
     * {@code playbake cache prune [--all] [--filter image=NAME] [--filter until=DURATION] [--registry REPO
     * [--budget SIZE]]}.
     */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Remove snapshots no recent build of their image can reach (never one in use, nor one"
                    + " another image's snapshots stand on), on the Docker host or, with --registry, in a registry"
                    + " cache repository.")
    static class Prune implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        CacheCommand parent;

        @Option(names = "--all", description = "Remove every snapshot that is not in use.")
        boolean all;

        @Option(names = "--filter", paramLabel = "image=NAME|until=DURATION", description = "Only snapshots of image"
                + " NAME (repeatable: any of them), or committed more than DURATION ago (e.g. 24h, 168h).")
        List<String> filters = new ArrayList<>();

        @Option(names = "--older-than", paramLabel = "DURATION", description = "The same as --filter until=DURATION.")
        String olderThan;

        @Option(names = "--registry", paramLabel = "REPO", description = "Prune the registry cache repository REPO"
                + " (as --cache-to names it) instead of the Docker host, with the credentials of ~/.docker/config.json.")
        String registry;

        @Option(names = "--budget", paramLabel = "SIZE", description = "With --registry: then remove the oldest"
                + " snapshots no newest build stands on until the repository's blobs take at most SIZE (500Mi, 20Gi).")
        String budget;

        @Override
        public Integer call() {
            PruneScope scope;
            try {
                scope = scope();
            } catch (BadInputException e) {
                System.err.println("playbake: " + e.getMessage());
                return BuildCommand.BAD_INPUT;
            }
            if (registry != null) {
                if (!scope.images().isEmpty()) {
                    System.err.println("playbake: --filter image= applies to the Docker host's snapshots; a registry"
                            + " cache repository holds one image's");
                    return BuildCommand.BAD_INPUT;
                }
                return new RegistryPrune(registry, all, scope.olderThan(), budget).run();
            }
            if (budget != null) {
                System.err.println("playbake: --budget applies to a registry cache (--registry REPO); on the Docker"
                        + " host the operator's playbake.operator.cache.budget keeps its snapshots within one");
                return BuildCommand.BAD_INPUT;
            }
            try (DockerHost docker = parent.connect()) {
                CacheInventory inventory = new CacheInventory(docker);
                CacheInventory.Census census = inventory.census();
                List<CacheInventory.Snapshot> removed = inventory.prune(census, scope, Instant.now());
                removed.forEach(s -> System.out.println("removed " + s.name() + "  " + s.step()));
                System.out.printf("%d snapshots removed (%s)%n", removed.size(), size(census.bytes(removed)));
                // copies of fetched files go with the last snapshot or image that names them
                int files = UserCache.artifactStore()
                        .prune(inventory.artifactManifestsInUse());
                if (files > 0) {
                    System.out.printf("%d fetched files removed from the artifact store%n", files);
                }
                return 0;
            } catch (HostUnavailableException e) {
                System.err.println("playbake: " + e.getMessage());
                return BuildCommand.UNREACHABLE;
            }
        }

        /** The flags as a scope; a filter it cannot read is a {@link BadInputException} naming it. */
        PruneScope scope() {
            Set<String> images = new LinkedHashSet<>();
            Map<String, String> ages = new LinkedHashMap<>();  // the value by the flag that gave it
            Optional.ofNullable(olderThan).ifPresent(value -> ages.put("--older-than " + value, value));
            for (String filter : filters) {
                int eq = filter.indexOf('=');
                String key = eq < 0 ? filter : filter.substring(0, eq);
                String value = filter.substring(eq + 1);
                switch (key) {
                    case "image" -> images.add(repository(value, "--filter " + filter));
                    case "until" -> ages.put("--filter " + filter, value);
                    default -> throw new BadInputException("--filter " + filter + ": give image=NAME or until=DURATION");
                }
            }
            if (ages.size() > 1) {
                throw new BadInputException(String.join(" and ", ages.keySet()) + ": give one age");
            }
            Optional<Duration> age = Optional.empty();
            for (Map.Entry<String, String> given : ages.entrySet()) {
                age = Durations.parse(given.getValue());
                if (age.isEmpty()) {
                    throw new BadInputException(given.getKey() + ": '" + given.getValue()
                            + "' is not a duration such as 90m, 24h or 168h");
                }
            }
            return new PruneScope(all, images, age);
        }
    }

    /** The repository of an image reference, as the snapshots' {@code playbake.dev/image} label holds it. */
    private static String repository(String image, String what) {
        try {
            return ImageReference.parse(image).repository();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(what + ": " + e.getMessage());
        }
    }

    /** The width of a column: its longest value or heading. */
    private static int width(Stream<String> values, String heading) {
        return Math.max(heading.length(), values.mapToInt(String::length).max().orElse(0));
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1fkB", bytes / 1024.0);
        }
        return bytes < 1024L * 1024 * 1024 ? String.format(Locale.ROOT, "%.1fMB", bytes / (1024.0 * 1024))
                : String.format(Locale.ROOT, "%.2fGB", bytes / (1024.0 * 1024 * 1024));
    }

    static String age(Duration age) {
        if (age.toMinutes() < 1) {
            return age.toSeconds() + "s";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + "m";
        }
        return age.toDays() < 1 ? age.toHours() + "h" : age.toDays() + "d";
    }
}
