package dev.playbake.modules.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** systemd unit names and the links {@code systemctl enable} makes from a unit's {@code [Install]} section. */
final class UnitNames {

    private static final Set<String> SUFFIXES = Set.of("service", "socket", "device", "mount", "automount", "swap",
            "target", "path", "timer", "slice", "scope");

    private UnitNames() {
    }

    /** systemctl's reading of a bare name: {@code nginx} means {@code nginx.service}. */
    static String withSuffix(String unit) {
        int dot = unit.lastIndexOf('.');
        return dot > 0 && SUFFIXES.contains(unit.substring(dot + 1)) ? unit : unit + ".service";
    }

    /** The links under /etc/systemd/system that enable {@code unit}: WantedBy, RequiredBy, Alias. */
    static List<String> installLinks(String unitText, String unit) {
        List<String> links = new ArrayList<>();
        boolean install = false;
        for (String raw : unitText.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                install = line.equals("[Install]");
                continue;
            }
            int eq = line.indexOf('=');
            if (!install || eq < 0 || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            for (String value : line.substring(eq + 1).strip().split("\\s+")) {
                if (value.isEmpty()) {
                    continue;
                }
                switch (key) {
                    case "WantedBy" -> links.add("/etc/systemd/system/" + value + ".wants/" + unit);
                    case "RequiredBy" -> links.add("/etc/systemd/system/" + value + ".requires/" + unit);
                    case "Alias" -> links.add("/etc/systemd/system/" + value);
                    default -> {
                    }
                }
            }
        }
        return links;
    }
}
