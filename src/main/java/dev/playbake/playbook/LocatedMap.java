package dev.playbake.playbook;

import java.util.LinkedHashMap;

/** A YAML mapping that remembers where it was written, so errors can cite file:line. */
public final class LocatedMap extends LinkedHashMap<String, Object> {

    private final transient Location location;

    public LocatedMap(Location location) {
        this.location = location;
    }

    public Location location() {
        return location;
    }
}
