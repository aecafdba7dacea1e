package dev.playbake.compat;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FilesystemComparisonTest {

    private static FileState file(String path, String mode, String hash) {
        return new FileState(path, "file", mode, "root", "root", hash, "");
    }

    @Test
    void identicalStatesHaveNoDifference() {
        Map<String, FileState> side = Map.of("/etc/a", file("/etc/a", "644", "aa"));
        assertEquals(List.of(), FilesystemComparison.differences(side, Map.copyOf(side)));
    }

    @Test
    void reportsModeContentAndPresenceDifferences() {
        Map<String, FileState> ansible = Map.of(
                "/etc/a", file("/etc/a", "644", "aa"),
                "/etc/b", file("/etc/b", "600", "bb"),
                "/etc/c", file("/etc/c", "644", "cc"));
        Map<String, FileState> playbake = Map.of(
                "/etc/a", file("/etc/a", "600", "aa"),
                "/etc/b", file("/etc/b", "600", "b2"));
        List<String> differences = FilesystemComparison.differences(ansible, playbake);
        assertEquals(List.of(
                "/etc/a: ansible file 644 root:root sha256:aa | playbake file 600 root:root sha256:aa",
                "/etc/b: ansible file 600 root:root sha256:bb | playbake file 600 root:root sha256:b2",
                "/etc/c: ansible file 644 root:root sha256:cc | playbake absent"), differences);
    }

    @Test
    void ignoresWhatAnsibleLeavesAndArchiveContent() {
        Map<String, FileState> ansible = Map.of(
                "/root/.ansible/tmp", new FileState("/root/.ansible/tmp", "directory", "700", "root", "root", "", ""),
                "/usr/lib/python3/dist-packages/x/__pycache__/y.pyc", file("/usr/lib/python3/x/__pycache__/y.pyc", "644", "p"),
                "/var/log/dpkg.log", file("/var/log/dpkg.log", "644", "l1"),
                "/opt/app.tar.gz", file("/opt/app.tar.gz", "644", "t1"));
        Map<String, FileState> playbake = Map.of(
                "/var/log/dpkg.log", file("/var/log/dpkg.log", "644", "l2"),
                "/opt/app.tar.gz", file("/opt/app.tar.gz", "644", "t2"));
        assertEquals(List.of(), FilesystemComparison.differences(ansible, playbake));
    }

    @Test
    void archivesStillDifferInMode() {
        Map<String, FileState> ansible = Map.of("/opt/app.tgz", file("/opt/app.tgz", "644", "t1"));
        Map<String, FileState> playbake = Map.of("/opt/app.tgz", file("/opt/app.tgz", "600", "t1"));
        assertEquals(1, FilesystemComparison.differences(ansible, playbake).size());
    }

    @Test
    void backupsAreComparedUnderOneNameWhateverTheirPidAndTime() {
        String ours = "/opt/conf.txt.812.2026-01-02@03:04:05~";
        String theirs = "/opt/conf.txt.77.2026-01-02@03:04:06~";
        Map<String, FileState> read = Map.of(ours, FileState.absent(ours), theirs, file(theirs, "644", "aa"),
                "/opt/conf.txt", file("/opt/conf.txt", "640", "bb"));
        Map<String, FileState> ansible = FilesystemComparison.byComparedName(read);
        assertEquals(List.of("/opt/conf.txt", "/opt/conf.txt.PID.TIME~"), List.copyOf(ansible.keySet()));
        Map<String, FileState> playbake = FilesystemComparison.byComparedName(Map.of(ours, file(ours, "644", "aa"),
                theirs, FileState.absent(theirs), "/opt/conf.txt", file("/opt/conf.txt", "640", "bb")));
        assertEquals(List.of(), FilesystemComparison.differences(ansible, playbake));
        Map<String, FileState> otherMode = FilesystemComparison.byComparedName(Map.of(ours, file(ours, "600", "aa"),
                "/opt/conf.txt", file("/opt/conf.txt", "640", "bb")));
        assertEquals(List.of("/opt/conf.txt.PID.TIME~: ansible file 644 root:root sha256:aa | playbake file 600 root:root sha256:aa"),
                FilesystemComparison.differences(ansible, otherMode));
    }
}
