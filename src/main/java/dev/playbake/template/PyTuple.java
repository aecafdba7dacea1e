package dev.playbake.template;

import java.util.ArrayList;
import java.util.Collection;

/** A Python tuple: a list that prints with parentheses, as {@code dictsort} and {@code zip} items do. */
final class PyTuple extends ArrayList<Object> {

    PyTuple(Collection<?> items) {
        super(items);
    }
}
