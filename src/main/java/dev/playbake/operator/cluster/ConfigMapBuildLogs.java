package dev.playbake.operator.cluster;

import dev.playbake.operator.reconcile.BuildLog;
import dev.playbake.operator.reconcile.BuildLogs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Keeps each build's log as a ConfigMap in the operator's own namespace, gzipped: tenants cannot read or change it
 * there (they read it through the operator, which checks that they may get the ImageBuild), no ImageBuild's
 * namespace fills with the operator's objects, and the API server is the only store, shared by every replica.
 */
public final class ConfigMapBuildLogs implements BuildLogs {

    static final String UID = BuildLogs.IMAGEBUILD_UID;
    static final String BUILD = "playbake.dev/build";
    static final String COUNTER = "playbake.dev/build-counter";
    static final String ATTEMPT = "playbake.dev/build-attempt";
    static final String IMAGEBUILD = "playbake.dev/imagebuild";
    static final String COMPLETE = "playbake.dev/complete";
    static final String DATA_KEY = "log.gz";
    /** The most a log's compressed bytes may take: a ConfigMap holds at most 1 MiB, metadata included. */
    static final int MAX_BYTES = 900 * 1024;

    private final KubernetesClient client;
    private final String namespace;

    /** @param namespace the operator's own namespace */
    public ConfigMapBuildLogs(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    @Override
    public void save(Key key, BuildLog log, boolean complete) {
        ConfigMap stored = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name(key))
                .withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "playbake")
                .addToLabels(UID, key.uid())
                .addToLabels(BUILD, key.buildId())
                .addToLabels(COUNTER, Long.toString(key.counter()))
                .addToLabels(ATTEMPT, Integer.toString(key.attempt()))
                .addToAnnotations(IMAGEBUILD, key.namespace() + "/" + key.name())
                .addToAnnotations(COMPLETE, Boolean.toString(complete))
                .endMetadata()
                .addToBinaryData(DATA_KEY, Base64.getEncoder().encodeToString(fitted(log)))
                .build();
        client.configMaps().inNamespace(namespace).resource(stored).createOr(existing -> existing.update());
    }

    /** The log gzipped into {@link #MAX_BYTES}: one that does not fit loses lines from its middle until it does. */
    static byte[] fitted(BuildLog log) {
        String text = log.text();
        byte[] gzipped = gzip(text);
        int chars = text.length();
        while (gzipped.length > MAX_BYTES && chars > 1024) {
            // text compresses alike throughout, so a cut in proportion lands near the limit
            chars = (int) Math.min(chars - 1024L, (long) chars * MAX_BYTES / gzipped.length * 9 / 10);
            gzipped = gzip(log.text(chars));
        }
        return gzipped;
    }

    @Override
    public void prune(String uid, int keep) {
        List<ConfigMap> logs = logs(uid);
        logs.stream().skip(keep).forEach(this::delete);
    }

    @Override
    public void deleteAll(String uid) {
        client.configMaps().inNamespace(namespace).withLabel(UID, uid).delete();
    }

    @Override
    public List<Stored> list(String uid) {
        return logs(uid).stream().map(log -> stored(log, "")).toList();
    }

    @Override
    public Optional<Stored> read(String uid, String buildId) {
        return client.configMaps().inNamespace(namespace).withLabel(UID, uid).withLabel(BUILD, buildId).list()
                .getItems().stream().findFirst().map(log -> stored(log, gunzip(Base64.getDecoder().decode(
                        Optional.ofNullable(log.getBinaryData()).map(d -> d.get(DATA_KEY)).orElse("")))));
    }

    /** The ImageBuild's logs, newest first. */
    private List<ConfigMap> logs(String uid) {
        return client.configMaps().inNamespace(namespace).withLabel(UID, uid).list().getItems().stream()
                .sorted(Comparator.comparing((ConfigMap c) -> number(c, COUNTER))
                        .thenComparing(c -> number(c, ATTEMPT))
                        .thenComparing(c -> c.getMetadata().getCreationTimestamp()).reversed())
                .toList();
    }

    private void delete(ConfigMap log) {
        try {
            client.configMaps().inNamespace(namespace).withName(log.getMetadata().getName()).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private static Stored stored(ConfigMap log, String text) {
        Map<String, String> labels = log.getMetadata().getLabels();
        String[] owner = log.getMetadata().getAnnotations().getOrDefault(IMAGEBUILD, "/").split("/", 2);
        Key key = new Key(owner[0], owner.length > 1 ? owner[1] : "", labels.get(UID), labels.get(BUILD),
                number(log, COUNTER), (int) number(log, ATTEMPT));
        return new Stored(key, Boolean.parseBoolean(log.getMetadata().getAnnotations().get(COMPLETE)), text);
    }

    private static long number(ConfigMap log, String label) {
        try {
            return Long.parseLong(log.getMetadata().getLabels().getOrDefault(label, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One per build: the ImageBuild's UID and the build ID's random end. */
    static String name(Key key) {
        String id = key.buildId();
        return "buildlog-" + key.uid() + "-" + id.substring(id.lastIndexOf('-') + 1);
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String gunzip(byte[] gzipped) {
        if (gzipped.length == 0) {
            return "";
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
