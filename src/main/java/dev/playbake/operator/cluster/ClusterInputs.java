package dev.playbake.operator.cluster;

import dev.playbake.api.ConfigMapFiles;
import dev.playbake.api.ResolvedInputs;
import dev.playbake.api.v1alpha1.ConfigMapKeyRef;
import dev.playbake.api.v1alpha1.FilesFrom;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildSpec;
import dev.playbake.api.v1alpha1.LocalObjectRef;
import dev.playbake.api.v1alpha1.SecretVarsFrom;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.operator.reconcile.InputsSource;
import dev.playbake.operator.reconcile.Resolution;
import dev.playbake.operator.reconcile.StatusReason;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the ConfigMaps and Secrets an ImageBuild refers to from its namespace. The informers that rebuild on a
 * change of them know the same references from {@code InputReferences}: a new one read here belongs there too.
 */
public final class ClusterInputs implements InputsSource {

    private final KubernetesClient client;
    private final Optional<SecretName> defaultPushSecret;

    /**
     * @param defaultPushSecret the Secret that pushes ImageBuilds without a pushSecretRef, read with the operator's
     *                          own rights; without one such ImageBuilds are refused
     */
    public ClusterInputs(KubernetesClient client, Optional<SecretName> defaultPushSecret) {
        this.client = client;
        this.defaultPushSecret = defaultPushSecret;
    }

    @Override
    public Resolution resolve(ImageBuild build) {
        ImageBuildSpec spec = build.getSpec();
        String namespace = build.getMetadata().getNamespace();
        if (spec == null) {
            return new Resolution.Resolved(ResolvedInputs.none());
        }
        try {
            Optional<ResolvedInputs.NamedText> playbook = Optional.empty();
            if (spec.playbookFrom != null && spec.playbookFrom.configMapKeyRef != null) {
                playbook = Optional.of(playbook(namespace, spec.playbookFrom.configMapKeyRef));
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (FilesFrom from : spec.filesFrom) {
                files.putAll(ConfigMapFiles.of(configMap(namespace, from.configMapRef.name)));
            }
            Map<String, String> secretVars = new LinkedHashMap<>();
            for (SecretVarsFrom from : spec.secretVars) {
                secretVars.putAll(decoded(secret(namespace, from.secretRef.name)));
            }
            Map<String, RegistryCredentials> credentials = new LinkedHashMap<>();
            credentials.putAll(registryCredentials(namespace, spec.pullSecretRef));
            LocalObjectRef pushSecret = spec.output == null ? null : spec.output.pushSecretRef;
            credentials.putAll(registryCredentials(namespace, pushSecret));
            Map<String, RegistryCredentials> pushOnly = pushSecret == null ? defaultPushCredentials() : Map.of();
            return new Resolution.Resolved(new ResolvedInputs(playbook, files, secretVars, credentials, pushOnly));
        } catch (MissingReference missing) {
            return new Resolution.Missing(missing.reason, missing.getMessage());
        }
    }

    private ResolvedInputs.NamedText playbook(String namespace, ConfigMapKeyRef ref) {
        ConfigMap configMap = configMap(namespace, ref.name);
        String content = Optional.ofNullable(configMap.getData()).map(d -> d.get(ref.key)).orElseThrow(() ->
                new MissingReference(StatusReason.InvalidSpec, "ConfigMap " + namespace + "/" + ref.name
                        + " has no key " + ref.key + " (spec.playbookFrom)"));
        return new ResolvedInputs.NamedText(ref.key, content);
    }

    private Map<String, RegistryCredentials> registryCredentials(String namespace, LocalObjectRef ref) {
        if (ref == null) {
            return Map.of();
        }
        return dockerConfigCredentials(secret(namespace, ref.name), "Secret " + namespace + "/" + ref.name);
    }

    private static Map<String, RegistryCredentials> dockerConfigCredentials(Secret secret, String what) {
        String json = decoded(secret).get(".dockerconfigjson");
        if (json == null) {
            throw new MissingReference(StatusReason.InvalidSpec, what
                    + " has no .dockerconfigjson: it must be of type kubernetes.io/dockerconfigjson");
        }
        try {
            return DockerConfigJson.credentials(json);
        } catch (IllegalArgumentException e) {
            throw new MissingReference(StatusReason.InvalidSpec, what + ": " + e.getMessage());
        }
    }

    /**
     * The default push secret's credentials for an ImageBuild without a pushSecretRef: every ImageBuild pushes, and
     * the operator never pushes with credentials of its own process.
     */
    private Map<String, RegistryCredentials> defaultPushCredentials() {
        SecretName name = defaultPushSecret.orElseThrow(() -> new MissingReference(StatusReason.InvalidSpec,
                "spec.output.pushSecretRef is required: this operator pushes only with an ImageBuild's own "
                        + "credentials and names no default push secret (playbake.operator.default-push-secret)"));
        return dockerConfigCredentials(secret(name.namespace(), name.name()),
                "the operator's default push secret " + name.namespace() + "/" + name.name());
    }

    /** A Secret by namespace and name, as {@code playbake.operator.default-push-secret} gives it. */
    public record SecretName(String namespace, String name) {

        /** Parses {@code <namespace>/<name>}. */
        public static SecretName parse(String text) {
            int slash = text.indexOf('/');
            if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
                throw new IllegalArgumentException("'" + text + "' is not <namespace>/<name> "
                        + "(playbake.operator.default-push-secret)");
            }
            return new SecretName(text.substring(0, slash), text.substring(slash + 1));
        }
    }

    private ConfigMap configMap(String namespace, String name) {
        ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
        if (configMap == null) {
            throw new MissingReference(StatusReason.InvalidSpec, "ConfigMap " + namespace + "/" + name + " not found");
        }
        return configMap;
    }

    private Secret secret(String namespace, String name) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            throw new MissingReference(StatusReason.SecretNotFound, "Secret " + namespace + "/" + name + " not found");
        }
        return secret;
    }

    private static Map<String, String> decoded(Secret secret) {
        Map<String, String> values = new LinkedHashMap<>();
        Optional.ofNullable(secret.getData()).orElse(Map.of()).forEach((key, value) ->
                values.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        Optional.ofNullable(secret.getStringData()).orElse(Map.of()).forEach(values::putIfAbsent);
        return values;
    }

    /** Unwinds the reading of one resource's references at the first missing one. */
    private static final class MissingReference extends RuntimeException {
        private final StatusReason reason;

        MissingReference(StatusReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }
}
