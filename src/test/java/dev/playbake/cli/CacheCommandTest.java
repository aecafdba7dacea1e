package dev.playbake.cli;

import dev.playbake.imagebuild.cache.PruneScope;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CacheCommandTest {

    private static PruneScope scope(String... args) {
        CacheCommand.Prune prune = new CacheCommand.Prune();
        new CommandLine(prune).parseArgs(args);
        return prune.scope();
    }

    private static String refused(String... args) {
        return assertThrows(BadInputException.class, () -> scope(args)).getMessage();
    }

    @Test
    void filtersNameImagesByRepositoryAndAnAge() {
        assertEquals(new PruneScope(false, Set.of("hello", "registry.example.com/team/web"), Optional.of(Duration.ofHours(24))),
                scope("--filter", "image=hello:1", "--filter", "image=registry.example.com/team/web",
                        "--filter", "until=24h"));
        assertEquals(new PruneScope(true, Set.of(), Optional.of(Duration.ofDays(7))), scope("--all", "--older-than", "168h"));
        assertEquals(PruneScope.unreachable(), scope());
    }

    @Test
    void aFilterItCannotReadIsNamed() {
        assertEquals("--filter label=x: give image=NAME or until=DURATION", refused("--filter", "label=x"));
        assertEquals("--filter until=soon: 'soon' is not a duration such as 90m, 24h or 168h",
                refused("--filter", "until=soon"));
        assertEquals("--older-than 1h and --filter until=2h: give one age",
                refused("--older-than", "1h", "--filter", "until=2h"));
        assertEquals("--filter image=Hello World: 'Hello World' is not an image reference: it contains a space",
                refused("--filter", "image=Hello World"));
    }
}
