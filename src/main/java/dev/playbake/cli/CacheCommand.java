package dev.playbake.cli;

import dev.playbake.api.Durations;
import dev.playbake.docker.DockerHost;
import dev.playbake.imagebuild.cache.CacheInventory;
import dev.playbake.runtime.HostUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code playbake cache ls | prune}: the snapshots on the local Docker host. */
@Command(name = "cache", mixinStandardHelpOptions = true, description = "List or prune build snapshots.",
        subcommands = {CacheCommand.Ls.class, CacheCommand.Prune.class})
public class CacheCommand {

    @Option(names = "--docker-host", paramLabel = "URI", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Docker daemon (default: DOCKER_HOST or the local socket).")
    String dockerHost;

    DockerHost connect() {
        return dockerHost == null ? DockerHost.local() : DockerHost.connect(dockerHost);
    }

    /** {@code playbake cache ls}. */
    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List snapshots: name, step, size, age, build.")
    static class Ls implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        CacheCommand parent;

        @Override
        public Integer call() {
            try (DockerHost docker = parent.connect()) {
                List<CacheInventory.Snapshot> snapshots = new CacheInventory(docker).list();
                System.out.printf("%-40s %-10s %-8s %-10s %s%n", "SNAPSHOT", "SIZE", "AGE", "BUILD", "STEP");
                long total = 0;
                for (CacheInventory.Snapshot s : snapshots) {
                    total += s.sizeBytes();
                    System.out.printf("%-40s %-10s %-8s %-10s %s%n", s.name(), size(s.sizeBytes()),
                            age(Duration.between(s.created(), Instant.now())),
                            s.build().length() > 8 ? s.build().substring(0, 8) : s.build(), s.step());
                }
                System.out.printf("%d snapshots%n", snapshots.size());
                return 0;
            } catch (HostUnavailableException e) {
                System.err.println("playbake: " + e.getMessage());
                return BuildCommand.UNREACHABLE;
            }
        }
    }

    /** {@code playbake cache prune [--all] [--older-than DURATION] [--registry REPO [--budget SIZE]]}. */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Remove snapshots no recent build can reach (never one in use), on the Docker host or,"
                    + " with --registry, in a registry cache repository.")
    static class Prune implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        CacheCommand parent;

        @Option(names = "--all", description = "Remove every snapshot that is not in use.")
        boolean all;

        @Option(names = "--older-than", paramLabel = "DURATION", description = "Only snapshots older than this (e.g. 24h, 7d).")
        String olderThan;

        @Option(names = "--registry", paramLabel = "REPO", description = "Prune the registry cache repository REPO"
                + " (as --cache-to names it) instead of the Docker host, with the credentials of ~/.docker/config.json.")
        String registry;

        @Option(names = "--budget", paramLabel = "SIZE", description = "With --registry: then remove the oldest"
                + " snapshots no newest build stands on until the repository's blobs take at most SIZE (500Mi, 20Gi).")
        String budget;

        @Override
        public Integer call() {
            Optional<Duration> age = Optional.empty();
            if (olderThan != null) {
                age = Durations.parse(olderThan);
                if (age.isEmpty()) {
                    System.err.println("playbake: --older-than: '" + olderThan + "' is not a duration such as 90m, 24h or 7d");
                    return BuildCommand.BAD_INPUT;
                }
            }
            if (registry != null) {
                return new RegistryPrune(registry, all, age, budget).run();
            }
            if (budget != null) {
                System.err.println("playbake: --budget applies to a registry cache (--registry REPO); on the Docker"
                        + " host the operator's playbake.operator.cache.budget keeps its snapshots within one");
                return BuildCommand.BAD_INPUT;
            }
            try (DockerHost docker = parent.connect()) {
                CacheInventory inventory = new CacheInventory(docker);
                List<CacheInventory.Snapshot> removed = inventory.prune(all, age, Instant.now());
                long freed = removed.stream().mapToLong(CacheInventory.Snapshot::sizeBytes).sum();
                removed.forEach(s -> System.out.println("removed " + s.name() + "  " + s.step()));
                System.out.printf("%d snapshots removed (%s)%n", removed.size(), size(freed));
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
    }

    static String size(long bytes) {
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
