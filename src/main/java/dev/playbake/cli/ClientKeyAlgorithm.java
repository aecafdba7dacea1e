package dev.playbake.cli;

import io.fabric8.kubernetes.client.Config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * The algorithm of a kubeconfig's client key, which fabric8 must be told: it reads a PKCS#8 key ("BEGIN PRIVATE
 * KEY") as RSA unless configured otherwise, and so refuses the EC keys of k3s and of clusters made with openssl.
 */
final class ClientKeyAlgorithm {

    private ClientKeyAlgorithm() {
    }

    /** Sets {@code config}'s client key algorithm to what its key is, when that can be told. */
    static void apply(Config config) {
        pem(config).flatMap(ClientKeyAlgorithm::of).ifPresent(config::setClientKeyAlgo);
    }

    static Optional<String> of(String pem) {
        if (pem.contains("BEGIN EC PRIVATE KEY")) {
            return Optional.of("EC");
        }
        int start = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            return Optional.empty();
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(start + "-----BEGIN PRIVATE KEY-----".length(), end));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (String algorithm : new String[]{"RSA", "EC"}) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                return Optional.of(algorithm);
            } catch (GeneralSecurityException e) {
                // not this algorithm's key: try the next
            }
        }
        return Optional.empty();
    }

    private static Optional<String> pem(Config config) {
        if (config.getClientKeyData() != null) {
            try {
                return Optional.of(new String(Base64.getDecoder().decode(config.getClientKeyData().trim()),
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (config.getClientKeyFile() != null) {
            try {
                return Optional.of(Files.readString(Path.of(config.getClientKeyFile())));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
