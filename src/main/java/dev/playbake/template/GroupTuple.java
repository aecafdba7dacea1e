package dev.playbake.template;

import dev.playbake.python.PyTuple;

import java.util.Arrays;
import java.util.List;

/** One group of Jinja2's groupby: a (grouper, list) named tuple, unpacked in a loop or read as .grouper and .list. */
final class GroupTuple extends PyTuple {

    GroupTuple(Object grouper, List<Object> members) {
        super(Arrays.asList(grouper, members));
    }

    /** The named fields, for the template's attribute lookup. */
    Object field(String name) {
        return switch (name) {
            case "grouper" -> get(0);
            case "list" -> get(1);
            default -> null;
        };
    }
}
