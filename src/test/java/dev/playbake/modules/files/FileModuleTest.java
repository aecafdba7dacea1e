package dev.playbake.modules.files;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FileModuleTest {

    @Test
    void everyDirectoryOnThePathOutermostFirst() {
        assertEquals(List.of("/opt", "/opt/a", "/opt/a/b"), FileModule.prefixes("/opt/a/b/"));
    }
}
