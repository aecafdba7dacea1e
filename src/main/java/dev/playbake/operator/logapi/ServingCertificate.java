package dev.playbake.operator.logapi;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PfxOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The log API's TLS certificate: the one mounted for it (the chart's, whose CA the APIService names), or one made
 * at start with the JDK's keytool, which only a client that skips verification accepts (the API server does, with
 * {@code insecureSkipTLSVerify} in deploy/'s APIService, as metrics-server's manifests do).
 */
public final class ServingCertificate {

    private ServingCertificate() {
    }

    /** The mounted certificate and key (PEM), when both are configured, else a self-signed one. */
    public static KeyCertOptions of(Optional<String> certFile, Optional<String> keyFile) {
        if (certFile.isPresent() && keyFile.isPresent()) {
            return new PemKeyCertOptions().setCertPath(certFile.get()).setKeyPath(keyFile.get());
        }
        return selfSigned();
    }

    static PfxOptions selfSigned() {
        try {
            Path dir = Files.createTempDirectory("playbake-log-api",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path store = dir.resolve("serving.p12");
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            ProcessBuilder command = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "log-api",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=playbake-log-api",
                    "-ext", "SAN=dns:localhost", "-validity", "3650", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass:env", "STOREPASS")).redirectErrorStream(true);
            command.environment().put("STOREPASS", password);
            Process process = command.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool could not make the log API's certificate: " + output.strip());
            }
            Buffer keystore = Buffer.buffer(Files.readAllBytes(store));
            Files.delete(store);
            Files.delete(dir);
            return new PfxOptions().setValue(keystore).setPassword(password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the log API's certificate", e);
        }
    }
}
