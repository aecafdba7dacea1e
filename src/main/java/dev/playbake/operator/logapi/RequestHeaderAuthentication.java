package dev.playbake.operator.logapi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the API server's front proxy tells an aggregated API who the user is, as the cluster publishes it in
 * {@code kube-system/extension-apiserver-authentication}: a client certificate signed by {@code caPem} (with a
 * common name among {@code allowedNames}, any when empty) vouches for the user, group and extra headers.
 *
 * @param caPem           the CA bundle of the front proxy's client certificates
 * @param allowedNames    the common names a front proxy's certificate may have; empty allows any the CA signed
 * @param usernameHeaders headers that may carry the user name, the first present wins
 * @param groupHeaders    headers carrying groups, each value one group
 * @param extraPrefixes   prefixes of headers carrying extra attributes ({@code X-Remote-Extra-scopes})
 */
public record RequestHeaderAuthentication(String caPem, List<String> allowedNames, List<String> usernameHeaders,
                                          List<String> groupHeaders, List<String> extraPrefixes) {

    static final String NAMESPACE = "kube-system";
    static final String NAME = "extension-apiserver-authentication";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the cluster publishes; empty when its API server has no front proxy (no aggregation layer). */
    public static Optional<RequestHeaderAuthentication> read(KubernetesClient client) {
        ConfigMap published = client.configMaps().inNamespace(NAMESPACE).withName(NAME).get();
        if (published == null || published.getData() == null
                || published.getData().getOrDefault("requestheader-client-ca-file", "").isBlank()) {
            return Optional.empty();
        }
        Map<String, String> data = published.getData();
        return Optional.of(new RequestHeaderAuthentication(data.get("requestheader-client-ca-file"),
                list(data.get("requestheader-allowed-names")), list(data.get("requestheader-username-headers")),
                list(data.get("requestheader-group-headers")), list(data.get("requestheader-extra-headers-prefix"))));
    }

    /**
     * The user a request names, when the certificate it came with (already verified against {@link #caPem})
     * belongs to a front proxy and a user header is present.
     */
    public Optional<ApiUser> authenticate(X509Certificate client, Function<String, List<String>> headers,
                                          List<String> headerNames) {
        if (!allowedNames.isEmpty() && !allowedNames.contains(commonName(client))) {
            return Optional.empty();
        }
        Optional<String> user = usernameHeaders.stream().flatMap(h -> headers.apply(h).stream())
                .filter(v -> !v.isEmpty()).findFirst();
        if (user.isEmpty()) {
            return Optional.empty();
        }
        List<String> groups = groupHeaders.stream().flatMap(h -> headers.apply(h).stream()).toList();
        Map<String, List<String>> extra = new LinkedHashMap<>();
        for (String header : headerNames) {
            String lower = header.toLowerCase(Locale.ROOT);
            extraPrefixes.stream().map(p -> p.toLowerCase(Locale.ROOT)).filter(lower::startsWith).findFirst()
                    .ifPresent(prefix -> extra.computeIfAbsent(
                            URLDecoder.decode(lower.substring(prefix.length()), StandardCharsets.UTF_8),
                            k -> new ArrayList<>()).addAll(headers.apply(header)));
        }
        return Optional.of(new ApiUser(user.get(), groups, extra));
    }

    static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return "";
        }
        return "";
    }

    private static List<String> list(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new IllegalStateException(NAMESPACE + "/" + NAME + ": not a JSON list: " + json, e);
        }
    }
}
