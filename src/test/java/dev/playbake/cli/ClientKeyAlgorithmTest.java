package dev.playbake.cli;

import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A kubeconfig's PKCS#8 client key is read for what it is, RSA or EC. */
class ClientKeyAlgorithmTest {

    @Test
    void aPkcs8KeyIsRecognisedByItsAlgorithm() throws Exception {
        assertEquals(Optional.of("EC"), ClientKeyAlgorithm.of(pkcs8("EC", 256)));
        assertEquals(Optional.of("RSA"), ClientKeyAlgorithm.of(pkcs8("RSA", 2048)));
    }

    @Test
    void aSec1KeyIsEcAndAnythingElseIsLeftToTheClient() {
        assertEquals(Optional.of("EC"), ClientKeyAlgorithm.of("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"));
        assertEquals(Optional.empty(), ClientKeyAlgorithm.of("-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----"));
        assertEquals(Optional.empty(), ClientKeyAlgorithm.of("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"));
    }

    private static String pkcs8(String algorithm, int size) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(size);
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate()
                .getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }
}
