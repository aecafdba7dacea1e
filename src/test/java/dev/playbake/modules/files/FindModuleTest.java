package dev.playbake.modules.files;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FindModuleTest {

    @Test
    void pathsAreNormalisedAsOsPathNormpath() {
        assertEquals("/opt/f/a", FindModule.normalize("/opt/f//a"));
        assertEquals("/opt/f", FindModule.normalize("/opt/f/"));
        assertEquals("/opt/f/a", FindModule.normalize("/opt/./f/./a"));
    }
}
