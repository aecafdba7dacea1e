package dev.playbake.engine;

import dev.playbake.playbook.SourceFiles;
import dev.playbake.template.TemplateException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaybookFilesTest {

    private final PlaybookFiles files = new PlaybookFiles(new SourceFiles(Map.of(
            "playbook.yml", new byte[0], "files/motd", "hi\n".getBytes())));

    @Test
    void theControllerIsTheBuildContext() {
        assertEquals(Optional.of("file"), files.pathType("files/motd"));
        assertEquals(Optional.of("file"), files.pathType("./files/../files/motd"));
        assertEquals(Optional.of("directory"), files.pathType("files"));
        assertEquals(Optional.of("file"), files.pathType(PlaybookFiles.ROOT + "/files/motd"));
        assertEquals(Optional.of("directory"), files.pathType(PlaybookFiles.ROOT));
        assertEquals(Optional.empty(), files.pathType("files/missing"));
    }

    @Test
    void aPathOutsideTheBuildContextIsAnError() {
        TemplateException error = assertThrows(TemplateException.class, () -> files.pathType("/etc/hosts"));
        assertTrue(error.getMessage().contains("build context"), error.getMessage());
    }
}
