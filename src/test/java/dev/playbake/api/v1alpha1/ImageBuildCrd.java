package dev.playbake.api.v1alpha1;

import io.fabric8.crdv2.generator.CRDGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the ImageBuild CRD generated from the classes into the directory given as the first argument, and the field
 * reference rendered from it ({@link ImageBuildReference}) into the second; the build runs it (exec-maven-plugin)
 * into target/crds and target/docs, which CrdFilesTest and ImageBuildReferenceTest compare with the committed copies.
 */
public final class ImageBuildCrd {

    private ImageBuildCrd() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Files.createDirectories(Path.of(args[0]));
        int written = new CRDGenerator().inOutputDir(directory.toFile()).forCRDVersions("v1")
                .withPostProcessor(new PrinterColumnOrder(ImageBuild.class))
                .customResourceClasses(ImageBuild.class).generate();
        if (written != 1) {
            throw new IllegalStateException("generated " + written + " CRDs, expected the ImageBuild's");
        }
        ImageBuildReference.main(new String[] {directory.resolve("imagebuilds.playbake.dev-v1.yml").toString(), args[1]});
    }
}
