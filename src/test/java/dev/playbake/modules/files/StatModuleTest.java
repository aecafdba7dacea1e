package dev.playbake.modules.files;

import dev.playbake.connection.RecordingConnection;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleHarness;
import dev.playbake.modules.ModuleResult;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatModuleTest {

    @Test
    void aFileIsDescribedWithItsSha1AndNothingChanges() {
        RecordingConnection connection = ModuleHarness.connection().file("/etc/hostname", "build\n");
        ModuleResult result = ModuleHarness.run("stat", connection, Map.of("path", "/etc/hostname"));
        assertFalse(result.isChanged());
        Map<?, ?> stat = (Map<?, ?>) result.values().get("stat");
        assertEquals(true, stat.get("exists"));
        assertEquals(true, stat.get("isreg"));
        assertEquals(false, stat.get("isdir"));
        assertEquals("0644", stat.get("mode"));
        assertEquals(6L, stat.get("size"));
        assertEquals("root", stat.get("pw_name"));
        assertEquals(DigestUtils.sha1Hex("build\n"), stat.get("checksum"));
        assertEquals(false, stat.get("executable"));
    }

    @Test
    void anAbsentPathOnlySaysSo() {
        ModuleResult result = ModuleHarness.run("stat", ModuleHarness.connection(), Map.of("path", "/nowhere"));
        assertEquals(Map.of("exists", false), result.values().get("stat"));
    }

    @Test
    void anUnknownAlgorithmIsRefusedWithAnsiblesChoices() {
        assertEquals("value of checksum_algorithm must be one of: md5, sha1, sha224, sha256, sha384, sha512, got: crc",
                assertThrows(ModuleException.class, () -> ModuleHarness.run("stat", ModuleHarness.connection(),
                        Map.of("path", "/x", "checksum_algorithm", "crc"))).getMessage());
    }
}
