package dev.playbake.engine;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the run has learnt about the build container: facts, registered variables, set_fact values,
 * include_vars values and notified handlers. A snapshot stores all of it (never no_log values: see
 * {@link #resumable()}), facts included, so a resumed build sees the facts its play gathered when it started, as the
 * uninterrupted run would, not facts of the snapshot's state.
 */
public final class HostState {

    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final Map<String, Object> hostVars = new LinkedHashMap<>();
    private final Map<String, Object> includedVars = new LinkedHashMap<>();
    private final Set<String> notified = new LinkedHashSet<>();
    private InventoryState inventory = new InventoryState();
    private int factsPlay = -1;
    private boolean holdsUnstorable;
    private boolean readNetwork;

    public Map<String, Object> facts() {
        return facts;
    }

    public void gathered(Map<String, Object> gathered) {
        facts.putAll(gathered);
    }

    /** Records that the play of this index gathered facts when it started. */
    void gatheredAtStartOf(int play) {
        factsPlay = play;
    }

    /** Whether the facts are those the play of this index gathered when it started (kept by a snapshot). */
    boolean gatheredAtStartOfPlay(int play) {
        return factsPlay == play;
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

    /** The state a snapshot keeps: facts, host vars, included vars, pending handlers and the run-time inventory. */
    public Map<String, Object> export() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("facts", new LinkedHashMap<>(facts));
        state.put("factsPlay", factsPlay);
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
        state.facts.putAll((Map<String, Object>) exported.getOrDefault("facts", Map.of()));
        // a snapshot of an older version kept no facts: its plays gather them again
        state.factsPlay = exported.get("factsPlay") instanceof Number play ? play.intValue() : -1;
        state.hostVars.putAll((Map<String, Object>) exported.getOrDefault("hostVars", Map.of()));
        state.includedVars.putAll((Map<String, Object>) exported.getOrDefault("includedVars", Map.of()));
        state.notified.addAll((java.util.List<String>) exported.getOrDefault("notified", java.util.List.of()));
        state.inventory = InventoryState.restore((Map<String, Object>) exported.getOrDefault("inventory", Map.of()));
        return state;
    }
}
