package dev.playbake.api.v1alpha1;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/imagebuild.md is exactly the reference the build renders from the generated CRD. */
class ImageBuildReferenceTest {

    private static final Path GENERATED = Path.of("target", "docs", "imagebuild.md");

    @Test
    void theCommittedPageMatchesTheCrd() throws IOException {
        assertTrue(Files.exists(GENERATED), GENERATED + " is missing: ImageBuildReference did not run (exec-maven-plugin)");
        String generated = Files.readString(GENERATED);
        assertEquals(generated, Files.readString(Path.of("docs", "imagebuild.md")),
                "docs/imagebuild.md differs from the CRD's descriptions: run mvn -Pupdate-crds process-test-classes");
        assertTrue(generated.contains("| `spec.output.image` | string | yes |"), "a required field is marked so");
        assertTrue(generated.contains("| `status.latestImage` |"), "status fields are listed");
    }
}
