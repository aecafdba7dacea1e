package dev.playbake.playbook;

import java.util.ArrayList;

/** A YAML sequence that remembers where it was written. */
public final class LocatedList extends ArrayList<Object> {

    private final transient Location location;

    public LocatedList(Location location) {
        this.location = location;
    }

    public Location location() {
        return location;
    }
}
