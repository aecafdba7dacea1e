package dev.playbake.operator;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.playbake.api.BuildRequests;
import dev.playbake.api.ResolvedInputs;
import dev.playbake.api.v1alpha1.BuildState;
import dev.playbake.api.v1alpha1.ConfigMapKeyRef;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.PlaybookFrom;
import dev.playbake.api.v1alpha1.RebuildSpec;
import dev.playbake.imagebuild.BuildRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputsHashTest {

    private static final ResolvedInputs INPUTS = new ResolvedInputs(Optional.empty(),
            Map.of("a.txt", "A".getBytes(StandardCharsets.UTF_8)), Map.of("token", "s3cret-value"), Map.of());

    @Test
    void isStableForTheSameInputsAndIgnoresState() {
        ImageBuild changed = ImageBuilds.imageBuild("web", "r.example/web:1");
        changed.getSpec().state = BuildState.CANCELED;
        assertEquals(hash(ImageBuilds.imageBuild("web", "r.example/web:1"), INPUTS), hash(changed, INPUTS));
    }

    @Test
    void changesWithEverySpecFieldAndResolvedContent() {
        String base = hash(ImageBuilds.imageBuild("web", "r.example/web:1"), INPUTS);
        assertChanges(base, b -> b.getSpec().vars.put("who", TextNode.valueOf("you")), INPUTS);
        assertChanges(base, b -> b.getSpec().rebuild = token("2026-11-25"), INPUTS);
        assertChanges(base, b -> b.getSpec().baseImage = "playbake-test/busybox", INPUTS);
        assertChanges(base, b -> b.getSpec().files.put("b.txt", "B"), INPUTS);
        assertChanges(base, b -> { }, new ResolvedInputs(Optional.empty(),
                Map.of("a.txt", "A2".getBytes(StandardCharsets.UTF_8)), INPUTS.secretVars(), Map.of()));
        assertChanges(base, b -> { }, new ResolvedInputs(Optional.empty(), INPUTS.files(),
                Map.of("token", "other-value"), Map.of()));
    }

    @Test
    void theBaseImagePollIntervalIsNoInputSoWatchingTheBaseImageBuildsNothing() {
        String without = hash(ImageBuilds.imageBuild("web", "r.example/web:1"), INPUTS);
        ImageBuild watched = ImageBuilds.imageBuild("web", "r.example/web:1");
        watched.getSpec().rebuild = new RebuildSpec();
        watched.getSpec().rebuild.baseImagePollInterval = "1h";
        assertEquals(without, hash(watched, INPUTS));

        String tokened = hash(withRebuild(token("t1")), INPUTS);
        RebuildSpec both = token("t1");
        both.baseImagePollInterval = "10m";
        assertEquals(tokened, hash(withRebuild(both), INPUTS));
        assertNotEquals(without, hash(withRebuild(new RebuildSpec()), INPUTS),
                "an empty rebuild: {} keeps the hash it had before the field existed, token: null and all");
    }

    @Test
    void changesWithTheContentOfAPlaybookReadFromAConfigMap() {
        ImageBuild build = ImageBuilds.imageBuild("web", "r.example/web:1");
        build.getSpec().playbook = null;
        build.getSpec().playbookFrom = new PlaybookFrom();
        build.getSpec().playbookFrom.configMapKeyRef = new ConfigMapKeyRef("site", "site.yml");
        assertNotEquals(hash(build, playbookFrom(ImageBuilds.PLAYBOOK)),
                hash(build, playbookFrom(ImageBuilds.PLAYBOOK + "# edited\n")));
    }

    @Test
    void neverContainsASecretValue() {
        String hash = hash(ImageBuilds.imageBuild("web", "r.example/web:1"), INPUTS);
        assertTrue(hash.startsWith("sha256:"));
        assertFalse(hash.contains("s3cret"));
    }

    private static void assertChanges(String base, Consumer<ImageBuild> edit, ResolvedInputs inputs) {
        ImageBuild build = ImageBuilds.imageBuild("web", "r.example/web:1");
        edit.accept(build);
        assertNotEquals(base, hash(build, inputs));
    }

    private static ResolvedInputs playbookFrom(String content) {
        return new ResolvedInputs(Optional.of(new ResolvedInputs.NamedText("site.yml", content)), Map.of(), Map.of(),
                Map.of());
    }

    private static ImageBuild withRebuild(RebuildSpec rebuild) {
        ImageBuild build = ImageBuilds.imageBuild("web", "r.example/web:1");
        build.getSpec().rebuild = rebuild;
        return build;
    }

    private static RebuildSpec token(String token) {
        RebuildSpec rebuild = new RebuildSpec();
        rebuild.token = token;
        return rebuild;
    }

    private static String hash(ImageBuild build, ResolvedInputs inputs) {
        BuildRequest request = BuildRequests.from(build, inputs, "b", "default/web");
        return InputsHash.of(build.getSpec(), request);
    }
}
