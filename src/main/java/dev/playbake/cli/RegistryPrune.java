package dev.playbake.cli;

import dev.playbake.api.Quantities;
import dev.playbake.image.ImageReference;
import dev.playbake.image.RegistryApi;
import dev.playbake.imagebuild.cache.RegistryCachePrune;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code playbake cache prune --registry REPO}: a registry cache repository collected as the operator collects its own. */
final class RegistryPrune {

    private final String repository;
    private final boolean all;
    private final Optional<Duration> olderThan;
    private final String budget;

    /** @param budget the {@code --budget} quantity as given, or null */
    RegistryPrune(String repository, boolean all, Optional<Duration> olderThan, String budget) {
        this.repository = repository;
        this.all = all;
        this.olderThan = olderThan;
        this.budget = budget;
    }

    int run() {
        ImageReference reference;
        try {
            reference = ImageReference.parse(repository);
        } catch (IllegalArgumentException e) {
            return bad("--registry: " + e.getMessage());
        }
        if (!reference.tag().isEmpty() || !reference.digest().isEmpty()) {
            return bad("--registry: '" + repository + "' is a repository without a tag or digest: each snapshot in it"
                    + " is tagged with its key");
        }
        OptionalLong bytes = OptionalLong.empty();
        if (budget != null) {
            Optional<BigDecimal> parsed = Quantities.parse(budget).filter(q -> q.signum() >= 0);
            if (parsed.isEmpty()) {
                return bad("--budget: '" + budget + "' is not a size such as 500Mi or 20Gi");
            }
            bytes = OptionalLong.of(parsed.get().longValue());
        }
        // the budget alone removes only what it must; without one, every snapshot not kept (older than the filter)
        Optional<Duration> retention = olderThan.or(() -> budget == null ? Optional.of(Duration.ZERO) : Optional.empty());
        String host = reference.registryHost().orElse("docker.io");
        RegistryApi api = new RegistryApi(reference.registry(),
                Optional.ofNullable(DockerConfigCredentials.load().get(host)));
        try {
            RegistryCachePrune.Collection done = new RegistryCachePrune(api).collect(repository,
                    new RegistryCachePrune.Policy(Optional.empty(), all, retention, bytes), Instant.now(),
                    s -> System.out.println("removed " + repository + ":" + s.tag() + "  " + s.owner()));
            System.out.printf("%d of %d snapshots removed from %s (%s of blobs before, %s now; the registry's garbage"
                            + " collection frees them)%n", done.removed().size(), done.snapshots(), repository,
                    CacheCommand.size(done.bytesBefore()), CacheCommand.size(done.bytesAfter()));
            return 0;
        } catch (RegistryApi.RegistryApiException e) {
            System.err.println("playbake: " + e.getMessage());
            return e.unreachable() ? BuildCommand.UNREACHABLE : BuildCommand.FAILED;
        }
    }

    private static int bad(String message) {
        System.err.println("playbake: " + message);
        return BuildCommand.BAD_INPUT;
    }
}
