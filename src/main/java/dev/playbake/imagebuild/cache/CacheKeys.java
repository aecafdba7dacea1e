package dev.playbake.imagebuild.cache;

import com.fasterxml.jackson.annotation.JsonIgnoreType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.playbake.engine.PlanStep;
import dev.playbake.engine.TagSelection;
import dev.playbake.engine.actions.ActionRegistry;
import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.modules.ServiceStatePolicy;
import dev.playbake.playbook.Location;
import dev.playbake.playbook.Play;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.SourceFiles;
import dev.playbake.playbook.Task;
import dev.playbake.playbook.TaskTree;
import dev.playbake.runtime.ImageSettings;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cache key of every plan step, computed from definitions before anything runs (docs/architecture.md, "Cache
 * keys"): {@code key(0)} covers the base image and every variable source, {@code key(i)} chains the previous key, the
 * step's canonical definition and the content of the files it reads. Line numbers are not part of a definition, so
 * moving a task's text without changing it keeps the cache.
 */
public final class CacheKeys {

    private static final String VERSION = "playbake-cache-v1";

    @JsonIgnoreType
    private abstract static class Ignored {
    }

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .addMixIn(Location.class, Ignored.class)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private CacheKeys() {
    }

    /**
     * key(0): the cache scope, base image, every variable source of the playbook, extra vars, secret vars (keyed
     * hash only), the controller environment a build is given. Every later key chains this one, so no key of one
     * scope is ever a key of another.
     */
    public static String root(String baseImageId, Playbook playbook, SourceFiles files, BuildRequest request,
                       TagSelection tags, byte[] secretKey) {
        Map<String, Object> inputs = new TreeMap<>();
        inputs.put("version", VERSION);
        inputs.put("base", baseImageId);
        // the CLI's scope is empty and left out, so the keys of its existing caches stay what they were
        if (!request.cacheScope().isEmpty()) {
            inputs.put("scope", request.cacheScope());
        }
        List<Object> plays = new ArrayList<>();
        for (Play play : playbook.plays()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("hosts", play.hosts());
            p.put("vars", play.vars());
            p.put("varsFiles", play.varsFiles());
            p.put("gatherFacts", play.gatherFacts());
            p.put("options", play.options());
            p.put("roles", play.roles().stream().map(r -> List.of(r.name(), r.path(), r.defaults(), r.vars(),
                    r.params())).toList());
            plays.add(p);
        }
        inputs.put("plays", plays);
        // vars_files are read before the first step; a templated name may pick any file, so then all count
        Map<String, String> varFiles = new TreeMap<>();
        boolean templated = playbook.plays().stream().flatMap(p -> p.varsFiles().stream()).flatMap(List::stream).anyMatch(f -> f.contains("{{"));
        for (String path : files.paths()) {
            boolean named = playbook.plays().stream().flatMap(p -> p.varsFiles().stream()).flatMap(List::stream)
                    .anyMatch(f -> path.equals(SourceFiles.normalize(f)) || path.equals(SourceFiles.normalize("vars/" + f)));
            boolean data = path.endsWith(".yml") || path.endsWith(".yaml") || path.endsWith(".json");
            if (named || templated && data || path.matches("(.*/)?(group_vars|host_vars)/.*")) {
                varFiles.put(path, sha256(files.read(path).orElseThrow()));
            }
        }
        inputs.put("varFiles", varFiles);
        inputs.put("extraVars", request.extraVars());
        Map<String, String> secrets = new TreeMap<>();
        request.secretVars().forEach((k, v) -> secrets.put(k, hmac(secretKey, k + "=" + v)));
        inputs.put("secretVars", secrets);
        inputs.put("tags", List.of(new TreeMap<>(Map.of("only", tags.only().stream().sorted().toList(),
                "skip", tags.skip().stream().sorted().toList()))));
        // a strict build must not resume past a step a recording build ran; the default keeps the keys it always had
        if (request.serviceState() == ServiceStatePolicy.STRICT) {
            inputs.put("serviceState", "strict");
        }
        // what lookup('env') sees when the build was given it; the process's own environment never was a key
        if (!request.controller().environment().given().isEmpty()) {
            inputs.put("controllerEnv", new TreeMap<>(request.controller().environment().given()));
        }
        return sha256(canonical(inputs));
    }

    /** key(i) for every plan step. */
    public static List<String> steps(String root, List<PlanStep> plan, Playbook playbook, SourceFiles files) {
        List<String> keys = new ArrayList<>();
        String previous = root;
        String allFiles = null;
        for (PlanStep step : plan) {
            Map<String, Object> definition = new TreeMap<>();
            definition.put("section", step.section().name());
            definition.put("play", step.play());
            if (step.isFlush()) {
                definition.put("handlers", playbook.plays().get(step.play()).handlers());
            } else {
                definition.put("step", step.step().orElseThrow());
                definition.put("within", step.enclosing());
            }
            Map<String, String> reads = new TreeMap<>();
            boolean dynamic = reads(step, files, reads);
            if (dynamic) {
                if (allFiles == null) {
                    allFiles = allFiles(files);
                }
                reads.put("*", allFiles);
            }
            definition.put("reads", reads);
            previous = sha256(previous + "\n" + canonical(definition));
            keys.add(previous);
        }
        return keys;
    }

    /** The key of a finished image: the last step's key and the image's settings. */
    public static String image(String lastKey, ImageSettings settings, List<String> tags) {
        Map<String, Object> inputs = new TreeMap<>();
        inputs.put("last", lastKey);
        inputs.put("settings", settings);
        inputs.put("tags", tags);
        return sha256(canonical(inputs));
    }

    /** Adds the files a step reads to {@code reads}; true when they depend on the run and cannot be named. */
    private static boolean reads(PlanStep step, SourceFiles files, Map<String, String> reads) {
        List<Task> tasks = step.step().stream().flatMap(s -> TaskTree.tasks(s, TaskTree.Sections.ALL)).toList();
        boolean dynamic = false;
        for (Task task : tasks) {
            // actions whose file reads depend on variables or the run hash every file of the playbook
            if (ActionRegistry.standard().readsFilesAtRunTime(task.action()) || task.options().loopKind().matches("with_(ansible\\.(builtin|legacy)\\.)?"
                    + "(file|fileglob|first_found|template)") || String.valueOf(task.args()).contains("lookup(")
                    || String.valueOf(task.args()).contains("query(") || String.valueOf(task.args()).contains("q(")) {
                dynamic = true;
                continue;
            }
            Object src = task.args().get("src");
            if ((task.action().equals("copy") || task.action().equals("template")) && src != null
                    && !Boolean.TRUE.equals(task.args().get("remote_src"))) {
                String name = String.valueOf(src);
                if (name.contains("{{") || name.contains("{%")) {
                    dynamic = true;
                    continue;
                }
                String kind = task.action().equals("copy") ? "files" : "templates";
                String role = task.role().map(r -> r.path() + "/").orElse("");
                for (String candidate : List.of(role + kind + "/" + name, role + name, kind + "/" + name, name)) {
                    String normalized = SourceFiles.normalize(candidate);
                    files.read(normalized).ifPresent(content -> reads.put(normalized, sha256(content)));
                    for (String path : files.under(normalized)) {
                        reads.put(path, sha256(files.read(path).orElseThrow()));
                    }
                }
            }
        }
        return dynamic;
    }

    private static String allFiles(SourceFiles files) {
        StringBuilder all = new StringBuilder();
        for (String path : files.paths()) {
            all.append(path).append('=').append(sha256(files.read(path).orElseThrow())).append('\n');
        }
        return sha256(all.toString());
    }

    public static String canonical(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a cache key input: " + e.getOriginalMessage(), e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(byte[] key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
