package dev.playbake.python;

import java.util.ArrayList;
import java.util.Collection;

/** A Python tuple: a list that prints with parentheses, as {@code dictsort} and {@code zip} items do; open for named tuples. */
public class PyTuple extends ArrayList<Object> {

    public PyTuple(Collection<?> items) {
        super(items);
    }
}
