package dev.playbake.imagebuild;

import dev.playbake.imagebuild.cache.Labels;
import dev.playbake.runtime.ContainerRuntime;
import dev.playbake.runtime.ContainerSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Removes build containers whose owner is gone (a CLI process that died, a deleted ImageBuild). */
public final class OrphanCollector {

    private OrphanCollector() {
    }

    /**
     * Removes every build container for which {@code orphaned} says yes, given its labels.
     * Returns the IDs removed.
     */
    public static List<String> collect(ContainerRuntime runtime, Predicate<Map<String, String>> orphaned) {
        List<String> removed = new ArrayList<>();
        for (ContainerSummary container : runtime.containersLabelled(Labels.BUILD)) {
            if (orphaned.test(container.labels())) {
                runtime.removeContainer(container.id());
                removed.add(container.id());
            }
        }
        return removed;
    }

    /** The process label of this JVM: {@code host:pid}. */
    public static String processLabel() {
        return hostName() + ":" + ProcessHandle.current().pid();
    }

    /** Whether a CLI container's process ({@code host:pid}) is gone; containers of other hosts are left alone. */
    public static boolean cliProcessGone(Map<String, String> labels) {
        if (!"cli".equals(labels.get(Labels.OWNER))) {
            return false;
        }
        String process = labels.getOrDefault(Labels.PROCESS, "");
        int colon = process.lastIndexOf(':');
        if (colon < 0 || !process.substring(0, colon).equals(hostName())) {
            return false;
        }
        try {
            long pid = Long.parseLong(process.substring(colon + 1));
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String hostName() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                name = "localhost";
            }
        }
        return name;
    }
}
