package dev.playbake.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ansible_mounts from the facts exec's sections, as ansible-core 2.14's Linux collector reads the same sources. */
class MountFactsTest {

    private static final Map<String, List<String>> CONTAINER = Map.of(
            "--mtab--", List.of(
                    "overlay / overlay rw,relatime,lowerdir=/l:/m,upperdir=/u,workdir=/w 0 0",
                    "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0",
                    "shm /dev/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=65536k 0 0",
                    "/dev/vda /etc/hosts ext4 rw,relatime 0 0",
                    "/dev/vdb /srv/my\\040data xfs rw 0 0",
                    "nas:/export /mnt/nas nfs4 rw,vers=4.2 0 0",
                    "/dev/vdc /ignored none rw 0 0",
                    "short line",
                    "/dev/vdb /srv/again ext4 ro 0 0",
                    "/dev/vdd /srv/again ext4 rw 0 0"),
            "--findmnt--", List.of(
                    "/          overlay                                  overlay rw,relatime",
                    "/etc/hosts /dev/vda[/var/lib/docker/containers/c/hosts] ext4    rw,relatime"),
            "--lsblk--", List.of("/dev/vda   ", "/dev/vdb  1b2c-uuid", "/dev/vdb  second-is-ignored"),
            "--mountinfo--", List.of(
                    "size /etc/hosts 4096 4096 1000 400 500 300",
                    "size /srv/my\\040data 1024 4096 10 5 8 6",
                    "udev /dev/vdd 9f-from-udev"));

    @Test
    void keepsWhatTheCollectorKeepsWithItsKeysAndSizes() {
        List<Map<String, Object>> mounts = MountFacts.build(CONTAINER);
        assertEquals(List.of("/etc/hosts", "/srv/my data", "/mnt/nas", "/srv/again"),
                mounts.stream().map(m -> m.get("mount")).toList());
        Map<String, Object> hosts = mounts.get(0);
        assertEquals(List.of("mount", "device", "fstype", "options", "size_total", "size_available", "block_size",
                "block_total", "block_available", "block_used", "inode_total", "inode_available", "inode_used", "uuid"),
                List.copyOf(hosts.keySet()));
        assertEquals("rw,relatime,bind", hosts.get("options"), "findmnt shows it as a bind mount");
        assertEquals(List.of(4096000L, 1638400L, 4096L, 1000L, 400L, 600L, 500L, 300L, 200L, "N/A"),
                List.of(hosts.get("size_total"), hosts.get("size_available"), hosts.get("block_size"),
                        hosts.get("block_total"), hosts.get("block_available"), hosts.get("block_used"),
                        hosts.get("inode_total"), hosts.get("inode_available"), hosts.get("inode_used"), hosts.get("uuid")));
        Map<String, Object> data = mounts.get(1);
        assertEquals(List.of(10240L, 4096L, "1b2c-uuid", "rw"), List.of(data.get("size_total"), data.get("block_size"),
                data.get("uuid"), data.get("options")));
    }

    @Test
    void withoutStatvfsOnlyTheUuidIsAddedAndAPointMountedTwiceIsTheLastMount() {
        List<Map<String, Object>> mounts = MountFacts.build(CONTAINER);
        assertEquals(Map.of("mount", "/mnt/nas", "device", "nas:/export", "fstype", "nfs4", "options", "rw,vers=4.2",
                "uuid", "N/A"), mounts.get(2));
        assertEquals(Map.of("mount", "/srv/again", "device", "/dev/vdd", "fstype", "ext4", "options", "rw",
                "uuid", "9f-from-udev"), mounts.get(3));
    }

    @Test
    void octalEscapesAreDecoded() {
        assertEquals("a b\tc\\d", MountFacts.unescape("a\\040b\\011c\\134d"));
    }
}
