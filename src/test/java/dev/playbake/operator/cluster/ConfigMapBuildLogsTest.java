package dev.playbake.operator.cluster;

import dev.playbake.operator.reconcile.BuildLog;
import dev.playbake.operator.reconcile.BuildLogs;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stored log fits a ConfigMap, however much a build printed. */
class ConfigMapBuildLogsTest {

    @Test
    void aLogRoundTripsThroughGzip() {
        BuildLog log = new BuildLog();
        log.append("#1 changed install nginx (2.5s)");

        assertEquals("#1 changed install nginx (2.5s)\n", ConfigMapBuildLogs.gunzip(ConfigMapBuildLogs.fitted(log)));
    }

    @Test
    void aLogThatDoesNotCompressIsCutToFitAConfigMapKeepingItsEnd() {
        BuildLog log = new BuildLog();
        Random random = new Random(1);
        for (int i = 0; i < 60_000; i++) {
            // random hex compresses to about half: 60,000 lines of 64 are far over the limit
            StringBuilder line = new StringBuilder("line " + i + " ");
            for (int j = 0; j < 8; j++) {
                line.append(Long.toHexString(random.nextLong()));
            }
            log.append(line.toString());
        }

        byte[] stored = ConfigMapBuildLogs.fitted(log);

        assertTrue(stored.length <= ConfigMapBuildLogs.MAX_BYTES, stored.length + " bytes");
        assertTrue(stored.length > ConfigMapBuildLogs.MAX_BYTES / 2, "not cut much further than needed: " + stored.length);
        String text = ConfigMapBuildLogs.gunzip(stored);
        assertTrue(text.startsWith("line 0 "), text.substring(0, 20));
        assertTrue(text.contains("line 59999 "), "the end, where a failure is, stays");
        assertTrue(text.contains(" line(s) left out ...]"));
    }

    @Test
    void aLogsNameIsTheImageBuildsUidAndTheBuildIdsEnd() {
        BuildLogs.Key key = new BuildLogs.Key("team-a", "web", "0d4b1c2e-aaaa-bbbb-cccc-123456789abc", "web-1f2e3d4c",
                3, 1);

        assertEquals("buildlog-0d4b1c2e-aaaa-bbbb-cccc-123456789abc-1f2e3d4c", ConfigMapBuildLogs.name(key));
    }
}
