package dev.playbake.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ansible_mounts} as ansible-core 2.14's Linux hardware collector gives it: the entries of /etc/mtab (else
 * /proc/mounts) whose device is a path or a {@code host:/path} and whose type is not {@code none}, with statvfs
 * sizes, the uuid lsblk (else udevadm) knows, and {@code ,bind} on what findmnt shows as a bind mount. So in a
 * container the overlay root, proc, sysfs and the tmpfs mounts are not listed, as under Ansible.
 */
final class MountFacts {

    /** The raw material, from the facts exec: one section per source, read by {@link #build}. */
    static final String SCRIPT = String.join("\n",
            "mtab() { if [ -e /etc/mtab ]; then cat /etc/mtab; else cat /proc/mounts; fi 2>/dev/null; }",
            "echo '--mtab--'; mtab",
            "echo '--findmnt--'; command -v findmnt >/dev/null 2>&1 && findmnt --list --noheadings --notruncate 2>/dev/null",
            "echo '--lsblk--'; command -v lsblk >/dev/null 2>&1 && "
                    + "lsblk --list --noheadings --paths --output NAME,UUID --exclude 2 2>/dev/null",
            // statvfs of the mounts Ansible keeps (stat -f gives the same fields: f_favail is f_ffree on Linux);
            // a stat that prints anything but six numbers gives no size, as an OSError does
            "echo '--mountinfo--'; mtab | while read -r dev mnt fstype rest; do",
            "  case \"$dev\" in /*|\\\\*|*:/*) ;; *) continue ;; esac; [ \"$fstype\" = none ] && continue",
            "  p=$(printf '%b' \"$(printf '%s' \"$mnt\" | sed 's/\\\\\\([0-7][0-7][0-7]\\)/\\\\0\\1/g')\")",
            "  s=$(stat -f -c '%S %s %b %a %c %d' \"$p\" 2>/dev/null) && echo \"size $mnt $s\"",
            "  command -v udevadm >/dev/null 2>&1 && u=$(udevadm info --query property --name \"$dev\" 2>/dev/null"
                    + " | sed -n 's/^ID_FS_UUID=//p' | head -1) && [ -n \"$u\" ] && echo \"udev $dev $u\"",
            "done");

    /** The sections of {@link #SCRIPT}, in order. */
    static final List<String> SECTIONS = List.of("--mtab--", "--findmnt--", "--lsblk--", "--mountinfo--");

    private static final Pattern OCTAL = Pattern.compile("\\\\([0-7]{3})");
    /** findmnt shows a bind mount's source with the bound directory in brackets. */
    private static final Pattern BIND_SOURCE = Pattern.compile(".*]");
    /** The collector's own test for options that already say bind; it never matches plain options. */
    private static final Pattern BIND_OPTION = Pattern.compile(".*bind.*\"");

    private MountFacts() {
    }

    /** The mounts, from each section's lines (by section name). */
    static List<Map<String, Object>> build(Map<String, List<String>> sections) {
        Set<String> binds = new HashSet<>();
        for (String line : sections.getOrDefault("--findmnt--", List.of())) {
            String[] fields = words(line);
            if (fields.length >= 2 && BIND_SOURCE.matcher(fields[1]).matches()) {
                binds.add(fields[0]);
            }
        }
        Map<String, String> uuids = new HashMap<>();
        for (String line : sections.getOrDefault("--lsblk--", List.of())) {
            String[] fields = line.strip().split("\\s+(?=\\S+$)");
            if (fields.length == 2) {
                uuids.putIfAbsent(fields[0].strip(), fields[1].strip());
            }
        }
        Map<String, long[]> sizes = new HashMap<>();
        Map<String, String> udev = new HashMap<>();
        for (String line : sections.getOrDefault("--mountinfo--", List.of())) {
            String[] fields = words(line);
            if (fields.length == 8 && fields[0].equals("size") && line.matches("size \\S+( \\d+){6}")) {
                long[] numbers = new long[6];
                for (int i = 0; i < 6; i++) {
                    numbers[i] = Long.parseLong(fields[i + 2]);
                }
                sizes.put(unescape(fields[1]), numbers);
            } else if (fields.length == 3 && fields[0].equals("udev")) {
                udev.put(unescape(fields[1]), fields[2]);
            }
        }
        // keyed by mount point as the collector's results are: a point mounted twice is listed once, the last
        Map<String, Map<String, Object>> mounts = new LinkedHashMap<>();
        for (String line : sections.getOrDefault("--mtab--", List.of())) {
            String[] raw = words(line);
            if (raw.length < 4) {
                continue;
            }
            String device = unescape(raw[0]);
            String mount = unescape(raw[1]);
            String fstype = unescape(raw[2]);
            String options = unescape(raw[3]);
            if (!device.startsWith("/") && !device.startsWith("\\") && !device.contains(":/") || fstype.equals("none")) {
                continue;
            }
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("mount", mount);
            info.put("device", device);
            info.put("fstype", fstype);
            info.put("options", binds.contains(mount) && !BIND_OPTION.matcher(options).matches()
                    ? options + ",bind" : options);
            long[] size = sizes.get(mount);
            if (size != null) {
                // statvfs: f_frsize, f_bsize, f_blocks, f_bavail, f_files, f_favail
                info.put("size_total", size[0] * size[2]);
                info.put("size_available", size[0] * size[3]);
                info.put("block_size", size[1]);
                info.put("block_total", size[2]);
                info.put("block_available", size[3]);
                info.put("block_used", size[2] - size[3]);
                info.put("inode_total", size[4]);
                info.put("inode_available", size[5]);
                info.put("inode_used", size[4] - size[5]);
            }
            String uuid = uuids.getOrDefault(device, udev.getOrDefault(device, "N/A"));
            info.put("uuid", uuid.isEmpty() ? "N/A" : uuid);
            mounts.put(mount, info);
        }
        return new ArrayList<>(mounts.values());
    }

    /** Python's {@code str.split()}: runs of whitespace, none at the ends. */
    private static String[] words(String line) {
        String stripped = line.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
    }

    /** The kernel writes space, tab, newline and backslash in mount fields as {@code \040}-style octal. */
    static String unescape(String field) {
        Matcher m = OCTAL.matcher(field);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 8))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
