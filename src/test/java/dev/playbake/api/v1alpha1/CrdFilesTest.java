package dev.playbake.api.v1alpha1;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed CRD copies are exactly what the build generates from the ImageBuild classes. */
class CrdFilesTest {

    private static final String CRD = "imagebuilds.playbake.dev-v1.yml";
    private static final Path GENERATED = Path.of("target", "crds", CRD);

    @ParameterizedTest
    @ValueSource(strings = {"crds", "helm/playbake/crds"})
    void committedCopyMatchesTheGeneratedCrd(String directory) throws IOException {
        assertTrue(Files.exists(GENERATED), GENERATED + " is missing: the crd-generator plugin did not run");
        Path committed = Path.of(directory, CRD);
        assertTrue(Files.exists(committed), committed + " is missing: run mvn -Pupdate-crds process-classes");
        assertEquals(Files.readString(GENERATED), Files.readString(committed),
                committed + " differs from the CRD generated from the classes: run mvn -Pupdate-crds process-classes"
                        + " and commit the result (never edit it by hand)");
    }
}
