package dev.playbake.imagebuild;

import dev.playbake.imagebuild.cache.ArtifactCache;
import dev.playbake.imagebuild.cache.ArtifactStore;
import dev.playbake.imagebuild.cache.BuildArtifacts;
import dev.playbake.imagebuild.cache.CacheKeys;
import dev.playbake.modules.ModuleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactStoreTest {

    @TempDir
    Path dir;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWriteIsAChangeOnlyWhenTheFileWasMissingOrDiffered() throws IOException {
        BuildArtifacts folder = new BuildArtifacts(dir.resolve("out"));
        assertTrue(folder.write("web/etc/motd", bytes("hi\n")));
        assertFalse(folder.write("web/etc/motd", bytes("hi\n")));
        assertTrue(folder.write("web/etc/motd", bytes("ho\n")));
        assertEquals("ho\n", Files.readString(dir.resolve("out/web/etc/motd")));
        assertEquals(Set.of("web/etc/motd"), folder.manifest().files().keySet());
    }

    @Test
    void aLinkInTheFolderIsNeverWrittenThrough() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(dir.resolve("out/reports"), outside);
        BuildArtifacts folder = new BuildArtifacts(dir.resolve("out"));
        assertThrows(ModuleException.class, () -> folder.write("reports/x", bytes("x")));
        assertThrows(ModuleException.class, () -> folder.write("reports/new/x", bytes("x")));
        try (var files = Files.list(outside)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void savedFilesComeBackIntoAFreshFolder() throws IOException {
        ArtifactStore store = new ArtifactStore(dir.resolve("store"));
        BuildArtifacts first = new BuildArtifacts(dir.resolve("one"));
        first.write("a.txt", bytes("a"));
        first.write("sub/b.bin", new byte[] {0, 1, 2});
        String digest = store.save(first.manifest(), first.root()).orElseThrow();
        assertEquals(first.manifest(), store.load(digest).orElseThrow());

        BuildArtifacts second = new BuildArtifacts(dir.resolve("two"));
        second.restore(store.load(digest).orElseThrow(), store);
        assertEquals("a", Files.readString(dir.resolve("two/a.txt")));
        assertEquals(3, Files.size(dir.resolve("two/sub/b.bin")));
        assertEquals(first.manifest(), second.manifest(), "restored files count as the build's own");
    }

    @Test
    void aMissingOrDamagedCopyMakesTheManifestUnavailable() throws IOException {
        ArtifactStore store = new ArtifactStore(dir.resolve("store"));
        BuildArtifacts folder = new BuildArtifacts(dir.resolve("one"));
        folder.write("a.txt", bytes("a"));
        String digest = store.save(folder.manifest(), folder.root()).orElseThrow();
        Path blob = store.blob(CacheKeys.sha256(bytes("a")));
        Files.writeString(blob, "tampered");
        assertEquals(Optional.empty(), store.load(digest));
        Files.delete(blob);
        assertEquals(Optional.empty(), store.load(digest));
        assertEquals(Optional.empty(), store.load(ArtifactCache.UNAVAILABLE));
    }

    @Test
    void aFileChangedInTheFolderSinceTheBuildWroteItIsNotSaved() throws IOException {
        ArtifactStore store = new ArtifactStore(dir.resolve("store"));
        BuildArtifacts folder = new BuildArtifacts(dir.resolve("one"));
        folder.write("a.txt", bytes("a"));
        Files.writeString(dir.resolve("one/a.txt"), "edited by hand");
        assertEquals(Optional.empty(), store.save(folder.manifest(), folder.root()));
    }

    @Test
    void pruneKeepsWhatImagesStillName() throws IOException {
        ArtifactStore store = new ArtifactStore(dir.resolve("store"));
        BuildArtifacts folder = new BuildArtifacts(dir.resolve("one"));
        folder.write("a.txt", bytes("a"));
        String kept = store.save(folder.manifest(), folder.root()).orElseThrow();
        folder.write("b.txt", bytes("b"));
        String gone = store.save(folder.manifest(), folder.root()).orElseThrow();
        assertEquals(1, store.prune(Set.of(kept)), "b.txt's copy goes, a.txt's stays");
        assertTrue(store.load(kept).isPresent());
        assertFalse(store.load(gone).isPresent());
        assertEquals(1, store.prune(Set.of()));
    }
}
