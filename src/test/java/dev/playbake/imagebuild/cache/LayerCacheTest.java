package dev.playbake.imagebuild.cache;

import dev.playbake.runtime.FakeContainerRuntime;
import dev.playbake.runtime.ImageSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerCacheTest {

    private static ImageSettings labelled(Map<String, String> labels) {
        return new ImageSettings(List.of(), List.of(), List.of(), "", "", List.of(), List.of(), labels);
    }

    private static long listings(FakeContainerRuntime runtime) {
        return runtime.calls().stream().filter(call -> call.startsWith("images")).count();
    }

    @Test
    void aRebuildFindsItsFinishedImageByItsOwnTagWithoutListingTheHost() {
        FakeContainerRuntime runtime = new FakeContainerRuntime()
                .image("web:1", labelled(Map.of(Labels.IMAGE_KEY, "k1", Labels.ARTIFACTS, "a")));
        LayerCache cache = new LayerCache(runtime);

        LayerCache.Finished finished = cache.finished("k1", List.of("web:1")).orElseThrow();

        assertEquals("a", finished.artifacts());
        assertEquals(0, listings(runtime), runtime.calls().toString());
    }

    @Test
    void aFinishedImageUnderAnotherTagIsFoundInTheListing() {
        FakeContainerRuntime runtime = new FakeContainerRuntime()
                .image("web:1", labelled(Map.of(Labels.IMAGE_KEY, "other")))
                .image("api:1", labelled(Map.of(Labels.IMAGE_KEY, "k1")));
        LayerCache cache = new LayerCache(runtime);

        assertTrue(cache.finished("k1", List.of("web:1")).isPresent());
        assertTrue(cache.finished("k2", List.of("web:1")).isEmpty());
    }

    @Test
    void theFinishedLookupAndTheSnapshotLookupShareOneListing() {
        FakeContainerRuntime runtime = new FakeContainerRuntime()
                .image("playbake-cache/web:s1", labelled(Map.of(Labels.CACHE_KEY, "s1", Labels.STATE, "{}")))
                .image("playbake-cache/web:s2", labelled(Map.of(Labels.CACHE_KEY, "s2", Labels.STATE, "{}")));
        LayerCache cache = new LayerCache(runtime);

        assertTrue(cache.finished("k1", List.of("web:1")).isEmpty());
        LayerCache.Hit hit = cache.deepest(List.of("s1", "s2", "s3"), h -> true).orElseThrow();

        assertEquals(1, hit.index());
        assertEquals(1, listings(runtime), runtime.calls().toString());
    }

    @Test
    void aSnapshotAddedAfterTheListingIsSeenOnceTheListingIsForgotten() {
        FakeContainerRuntime runtime = new FakeContainerRuntime()
                .image("playbake-cache/web:s1", labelled(Map.of(Labels.CACHE_KEY, "s1", Labels.STATE, "{}")));
        LayerCache cache = new LayerCache(runtime);
        List<String> keys = List.of("s1", "s2");
        assertEquals(0, cache.deepest(keys, h -> true).orElseThrow().index());

        runtime.image("playbake-cache/web:s2", labelled(Map.of(Labels.CACHE_KEY, "s2", Labels.STATE, "{}")));
        assertEquals(0, cache.deepest(keys, h -> true).orElseThrow().index(), "the listing is kept");
        cache.forgetListing();

        assertEquals(1, cache.deepest(keys, h -> true).orElseThrow().index());
    }
}
