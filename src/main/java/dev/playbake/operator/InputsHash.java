package dev.playbake.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.playbake.api.v1alpha1.ImageBuildSpec;
import dev.playbake.imagebuild.BuildRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The fingerprint that decides whether an ImageBuild needs a build: the spec (all of it but {@code state} and
 * {@code rebuild.baseImagePollInterval}, which say when to build, not what; the rebuild token counts) and every
 * content it resolved to. Secret values enter only
 * through their own sha256, never as text. It is written to {@code status.inputs.hash}, so an unchanged
 * spec is recognised after an operator restart too.
 */
public final class InputsHash {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private InputsHash() {
    }

    public static String of(ImageBuildSpec spec, BuildRequest request) {
        MessageDigest digest = sha256();
        update(digest, "spec", canonicalSpec(spec));
        update(digest, "playbook", request.playbook().fileName() + "\n" + request.playbook().content());
        new TreeMap<>(request.playbook().files()).forEach((path, content) -> {
            update(digest, "path", path.getBytes(StandardCharsets.UTF_8));
            update(digest, "content", content);
        });
        new TreeMap<>(request.secretVars()).forEach((name, value) -> update(digest, "secret", name + "=" + sha256Hex(value)));
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String canonicalSpec(ImageBuildSpec spec) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = CANONICAL.convertValue(spec, Map.class);
            tree.remove("state");
            withoutPollInterval(tree);
            return CANONICAL.writeValueAsString(new TreeMap<>(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ImageBuild spec always serialises", e);
        }
    }

    /**
     * Takes the poll interval out of {@code rebuild}, and {@code rebuild} itself when the interval was all it had,
     * so that starting, changing or stopping the watch of the base image builds nothing: the tree is then what it
     * was before the field existed.
     */
    private static void withoutPollInterval(Map<String, Object> tree) {
        if (tree.get("rebuild") instanceof Map<?, ?> rebuild && rebuild.remove("baseImagePollInterval") != null
                && rebuild.values().stream().allMatch(Objects::isNull)) {
            tree.remove("rebuild");
        }
    }

    private static void update(MessageDigest digest, String kind, String text) {
        update(digest, kind, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Length-prefixed, so no two different input sets can produce the same byte stream. */
    private static void update(MessageDigest digest, String kind, byte[] bytes) {
        digest.update((kind + ":" + bytes.length + ":").getBytes(StandardCharsets.UTF_8));
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
