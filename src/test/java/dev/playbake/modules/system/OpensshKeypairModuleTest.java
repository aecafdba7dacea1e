package dev.playbake.modules.system;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.RecordingConnection;
import dev.playbake.modules.ModuleHarness;
import dev.playbake.modules.ModuleResult;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpensshKeypairModuleTest {

    private static final String KEY = "/root/.ssh/id_deploy";
    private static final Pattern EXISTS = Pattern.compile("\\[ -e '?([^' ]+)'? \\]");

    /**
     * A container with ssh-keygen whose key files are the connection's: generating writes a pair,
     * {@code -l} and {@code -y} describe the key the private file holds (its first line, here).
     */
    private static RecordingConnection keygen(String bits, String type) {
        RecordingConnection connection = ModuleHarness.connection("/root/.ssh");
        return connection
                .reply("^/bin/sh -c \\[ -e ", request -> {
                    Matcher m = EXISTS.matcher(request.argv().get(2));
                    m.find();
                    return new ExecResult(connection.content(m.group(1)).isPresent() ? 0 : 1, "", "");
                })
                .reply("ssh-keygen -q -N '' ", request -> {
                    String comment = request.argv().get(2).replaceAll("(?s).* -C '?([^' ]*)'? <.*", "$1");
                    connection.file(KEY, "KEY " + bits + " " + type + "\n");
                    connection.file(KEY + ".pub", "ssh-" + type + " AAAA" + bits + " " + comment + "\n");
                    return new ExecResult(0, "", "");
                })
                .reply("ssh-keygen -l -f", request -> new ExecResult(0, connection.content(KEY).orElseThrow()
                        .replaceAll("KEY (\\d+) (\\w+)\n", "$1 SHA256:fp$1 c ($2)\n").toUpperCase()
                        .replace("SHA256:FP", "SHA256:fp"), ""))
                .reply("ssh-keygen -P '' -y", request -> new ExecResult(0, connection.content(KEY).orElseThrow()
                        .replaceAll("KEY (\\d+) (\\w+)\n", "ssh-$2 AAAA$1 old comment\n"), ""));
    }

    private static ModuleResult keypair(RecordingConnection connection, Object... pairs) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("path", KEY);
        for (int i = 0; i < pairs.length; i += 2) {
            args.put(String.valueOf(pairs[i]), pairs[i + 1]);
        }
        return ModuleHarness.run("openssh_keypair", connection, args);
    }

    @Test
    void aMissingPairIsGeneratedOnceWithTheModulesDefaults() {
        RecordingConnection connection = keygen("4096", "rsa");
        ModuleResult first = keypair(connection, "comment", "deploy@build");
        assertTrue(first.isChanged(), first::toString);
        assertTrue(connection.commands().stream().anyMatch(c -> c.contains("ssh-keygen -q -N '' -b 4096 -t rsa")),
                () -> String.join("\n", connection.commands()));
        assertEquals("ssh-rsa AAAA4096", first.values().get("public_key"));
        assertEquals("deploy@build", first.values().get("comment"));
        assertEquals("SHA256:fp4096", first.values().get("fingerprint"));
        assertEquals(4096, first.values().get("size"));
        assertEquals(KEY, first.values().get("filename"));
        long generated = connection.commands().stream().filter(c -> c.contains("ssh-keygen -q -N")).count();
        assertFalse(keypair(connection, "comment", "deploy@build").isChanged());
        assertEquals(generated, connection.commands().stream().filter(c -> c.contains("ssh-keygen -q -N")).count());
    }

    @Test
    void anotherTypeRegeneratesAndFailRefuses() {
        RecordingConnection connection = keygen("256", "ed25519");
        connection.file(KEY, "KEY 3072 rsa\n").file(KEY + ".pub", "ssh-rsa AAAA3072 x\n");
        assertEquals("Key has wrong type and/or size. Will not proceed. To force regeneration, call the module with "
                + "`generate` set to `partial_idempotence`, `full_idempotence` or `always`, or with `force=true`.",
                keypair(connection, "type", "ed25519", "regenerate", "fail").values().get("msg"));
        assertFalse(keypair(connection, "type", "ed25519", "regenerate", "never").isChanged());
        ModuleResult regenerated = keypair(connection, "type", "ed25519");
        assertTrue(regenerated.isChanged());
        assertEquals("ed25519", regenerated.values().get("type"));
        assertEquals("ssh-ed25519 AAAA256", regenerated.values().get("public_key"));
    }

    @Test
    void aPublicKeyWithAnotherCommentIsRestoredAndRecommented() {
        RecordingConnection connection = keygen("256", "ed25519");
        connection.file(KEY, "KEY 256 ed25519\n").file(KEY + ".pub", "ssh-ed25519 AAAA256 old comment\n");
        assertFalse(keypair(connection, "type", "ed25519").isChanged());
        assertTrue(keypair(connection, "type", "ed25519", "comment", "new").isChanged());
        assertTrue(connection.commands().stream().anyMatch(c -> c.contains("printf '%s\\n' 'ssh-ed25519 AAAA256' > ")));
        assertTrue(connection.commands().stream().anyMatch(c -> c.contains("ssh-keygen -q -o -c -C new -f")));
    }

    @Test
    void aPassphraseIsRefusedWithoutBeingRepeated() {
        ModuleResult result = keypair(keygen("4096", "rsa"), "passphrase", "s3cret-words");
        assertTrue(result.isFailed());
        assertFalse(result.toString().contains("s3cret-words"), result::toString);
    }

    @Test
    void withoutSshKeygenTheFailureSaysWhatToInstall() {
        RecordingConnection connection = ModuleHarness.connection("/root/.ssh")
                .reply("command -v ssh-keygen", new ExecResult(1, "", ""));
        ModuleResult result = keypair(connection);
        assertTrue(result.isFailed());
        assertTrue(String.valueOf(result.values().get("msg")).contains("openssh-client"));
    }

    @Test
    void badSizesFailAsTheModuleDoes() {
        assertEquals("DSA keys must be exactly 1024 bits as specified by FIPS 186-2.",
                keypair(keygen("1024", "dsa"), "type", "dsa", "size", 2048).values().get("msg"));
        assertTrue(keypair(keygen("512", "rsa"), "size", 512).isFailed());
    }

    @Test
    void absentRemovesBothFiles() {
        RecordingConnection connection = keygen("256", "ed25519");
        connection.file(KEY, "KEY 256 ed25519\n").file(KEY + ".pub", "ssh-ed25519 AAAA256 c\n");
        ModuleResult result = keypair(connection, "state", "absent");
        assertTrue(result.isChanged());
        assertTrue(connection.commands().stream().anyMatch(c -> c.contains("rm -f " + KEY + " " + KEY + ".pub")),
                () -> String.join("\n", connection.commands()));
    }
}
