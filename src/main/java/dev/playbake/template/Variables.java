package dev.playbake.template;

import java.util.Optional;
import java.util.Set;

/** Where a template finds its variables: raw values, rendered lazily when a template uses them. */
public interface Variables {

    /** The variable's unrendered value; empty when undefined. A defined null is {@code Optional.of(PyNone.NONE)}. */
    Optional<Object> raw(String name);

    /** Every name defined, in the order Ansible's variables dict has them (lowest precedence first); none by default. */
    default Set<String> names() {
        return Set.of();
    }
}
