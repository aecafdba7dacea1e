package dev.playbake.modules.files;

import dev.playbake.modules.ModuleException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FetchDestinationTest {

    @Test
    void withoutFlatTheFileGoesUnderTheHostNameAndItsFullPath() {
        assertEquals("out/web/etc/motd", FetchDestination.of("/etc/motd", "out", false, "web"));
        assertEquals("out/web/etc/motd", FetchDestination.of("/etc/motd", "out/", false, "web"));
        assertEquals("web/var/log/x.log", FetchDestination.of("/var/log/x.log", ".", false, "web"));
        // a relative src stays relative, below the host's folder
        assertEquals("out/web/report.xml", FetchDestination.of("report.xml", "out", false, "web"));
    }

    @Test
    void flatTakesDestAsTheFileOrItsBasenameWhenDestEndsInASlash() {
        assertEquals("reports/junit.xml", FetchDestination.of("/build/junit.xml", "reports/junit.xml", true, "web"));
        assertEquals("reports/junit.xml", FetchDestination.of("/build/junit.xml", "reports/", true, "web"));
        assertEquals("junit.xml", FetchDestination.of("/build/junit.xml", "./", true, "web"));
        assertEquals("sbom.json", FetchDestination.of("/build/x", "sbom.json", true, "web"));
    }

    @Test
    void theArtifactFolderIsTheRootOfAbsolutePaths() {
        assertEquals("tmp/out/junit.xml", FetchDestination.of("/build/junit.xml", "/tmp/out/", true, "web"));
        assertEquals("etc/web/etc/passwd", FetchDestination.of("/etc/passwd", "/etc", false, "web"));
    }

    @Test
    void dotDotStopsAtTheArtifactFolder() {
        assertEquals("etc/passwd", FetchDestination.of("/x", "../../../etc/passwd", true, "web"));
        assertEquals("b", FetchDestination.of("/x", "a/../../b", true, "web"));
        assertEquals("out/web/etc/shadow", FetchDestination.of("/tmp/../../etc/shadow", "out", false, "web"));
        // src's own '..' cannot climb out of the host's folder into the rest of the artifact folder either
        assertEquals("out/web/x", FetchDestination.of("/../../../../x", "out", false, "web"));
    }

    @Test
    void aDestThatIsTheFolderItselfIsAnError() {
        assertThrows(ModuleException.class, () -> FetchDestination.of("/x", "out/..", true, "web"));
        assertThrows(ModuleException.class, () -> FetchDestination.of("/x", "/..", true, "web"));
        // with a slash it names the folder as a directory to fetch into, which is fine
        assertEquals("x", FetchDestination.of("/x", "/", true, "web"));
    }
}
