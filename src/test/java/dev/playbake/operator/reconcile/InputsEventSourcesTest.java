package dev.playbake.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Constants;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InputsEventSourcesTest {

    @Test
    void eachWatchedNamespaceHasItsOwnInformersAndAllNamespacesOneSet() {
        assertEquals(List.of(Set.of("team-a"), Set.of("team-b")),
                InputsEventSources.informerNamespaces(Set.of("team-b", "team-a")));
        assertEquals(List.of(Constants.WATCH_ALL_NAMESPACE_SET),
                InputsEventSources.informerNamespaces(Constants.WATCH_ALL_NAMESPACE_SET));
    }
}
