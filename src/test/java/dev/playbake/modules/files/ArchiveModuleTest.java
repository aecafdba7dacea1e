package dev.playbake.modules.files;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ArchiveModuleTest {

    @Test
    void commonPathIsTheSharedParentDirectoryAsAnsiblesCommonPath() {
        assertEquals("/opt/", ArchiveModule.commonPath(List.of("/opt/data")));
        assertEquals("/srv/data/", ArchiveModule.commonPath(List.of("/srv/data/a.txt", "/srv/data/sub")));
        // a character-wise common prefix, as os.path.commonprefix: "/srv/dat" then its directory
        assertEquals("/srv/", ArchiveModule.commonPath(List.of("/srv/data/a", "/srv/dat/b")));
    }
}
