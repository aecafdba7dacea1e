package dev.playbake.api.v1alpha1;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed CRD copies are exactly what the build generates from the ImageBuild classes. */
class CrdFilesTest {

    private static final String CRD = "imagebuilds.playbake.dev-v1.yml";
    private static final Path GENERATED = Path.of("target", "crds", CRD);

    @ParameterizedTest
    @ValueSource(strings = {"crds", "helm/playbake/crds"})
    void committedCopyMatchesTheGeneratedCrd(String directory) throws IOException {
        assertTrue(Files.exists(GENERATED), GENERATED + " is missing: ImageBuildCrd did not run (exec-maven-plugin)");
        Path committed = Path.of(directory, CRD);
        assertTrue(Files.exists(committed), committed + " is missing: run mvn -Pupdate-crds process-test-classes");
        assertEquals(Files.readString(GENERATED), Files.readString(committed),
                committed + " differs from the CRD generated from the classes: run mvn -Pupdate-crds"
                        + " process-test-classes and commit the result (never edit it by hand)");
    }

    /** kubectl prints a CRD's columns in its order: what a user reads first, the -o wide ones after Age. */
    @Test
    void printerColumnsAreInTheOrderKubectlShouldPrintThem() throws IOException {
        CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(GENERATED),
                CustomResourceDefinition.class);
        List<CustomResourceColumnDefinition> columns = crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns();

        assertEquals(List.of("Phase 0", "Progress 0", "Image 0", "Age 0", "Ready 1", "Reason 1", "Duration 1"),
                columns.stream().map(c -> c.getName() + " " + c.getPriority()).toList());
    }
}
