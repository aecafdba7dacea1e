package dev.playbake.engine;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the run has learnt about the build container: facts, registered variables, set_fact values,
 * include_vars values and notified handlers. The part a snapshot stores (never no_log values) is
 * {@link #resumable()}.
 */
public final class HostState {

    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final Map<String, Object> hostVars = new LinkedHashMap<>();
    private final Map<String, Object> includedVars = new LinkedHashMap<>();
    private final Set<String> notified = new LinkedHashSet<>();
    private InventoryState inventory = new InventoryState();
    private boolean holdsUnstorable;
    private boolean readNetwork;

    public Map<String, Object> facts() {
        return facts;
    }

    public void gathered(Map<String, Object> gathered) {
        facts.putAll(gathered);
    }

    /** registered variables and set_fact values (Ansible precedence 19). */
    public Map<String, Object> hostVars() {
        return hostVars;
    }

    /** include_vars values (precedence 18). */
    public Map<String, Object> includedVars() {
        return includedVars;
    }

    public Set<String> notified() {
        return notified;
    }

    /** The run-time inventory group_by and add_host made. */
    InventoryState inventory() {
        return inventory;
    }

    /** Records that a variable holds a value that must never be stored (no_log or secret). */
    public void markUnstorable() {
        holdsUnstorable = true;
    }

    /**
     * Records that a template read a URL while the build ran ({@code lookup('url')}): no cache key can name what it
     * got, so no later snapshot or finished image may stand for it, and the next build runs from here again.
     */
    public void markNetworkRead() {
        readNetwork = true;
    }

    /** Whether a value of this run came from the network, so that the finished image must not be reused. */
    public boolean readNetwork() {
        return readNetwork;
    }

    /** Whether the state can be written into a snapshot and restored from it. */
    public boolean resumable() {
        return !holdsUnstorable && !readNetwork;
    }

    /** The state a snapshot keeps: host vars, included vars, pending handlers and the run-time inventory. */
    public Map<String, Object> export() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("hostVars", new LinkedHashMap<>(hostVars));
        state.put("includedVars", new LinkedHashMap<>(includedVars));
        state.put("notified", new java.util.ArrayList<>(notified));
        state.put("inventory", inventory.export());
        return state;
    }

    /** Restores what {@link #export()} produced. */
    @SuppressWarnings("unchecked")
    public static HostState restore(Map<String, Object> exported) {
        HostState state = new HostState();
        state.hostVars.putAll((Map<String, Object>) exported.getOrDefault("hostVars", Map.of()));
        state.includedVars.putAll((Map<String, Object>) exported.getOrDefault("includedVars", Map.of()));
        state.notified.addAll((java.util.List<String>) exported.getOrDefault("notified", java.util.List.of()));
        state.inventory = InventoryState.restore((Map<String, Object>) exported.getOrDefault("inventory", Map.of()));
        return state;
    }
}
