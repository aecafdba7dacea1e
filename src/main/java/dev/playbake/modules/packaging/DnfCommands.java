package dev.playbake.modules.packaging;

import dev.playbake.python.Sh;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds dnf command lines with a task's shared options.
 *
 * @param options  options from the task's arguments (repositories, gpg, weak deps, …)
 * @param refresh  expire the metadata cache first ({@code update_cache})
 */
record DnfCommands(List<String> options, boolean refresh) {

    /** One dnf run: the verb and its package specs. */
    record Call(String verb, List<String> packages) {
    }

    /**
     * {@code dnf -y OPTIONS VERB -- PACKAGES}, or with {@code --assumeno} to resolve the transaction and print it
     * without changing anything (check mode). dnf's messages are parsed, so they are kept in English.
     */
    String line(Call call, boolean assumeNo) {
        List<String> words = new ArrayList<>(List.of("dnf", assumeNo ? "--assumeno" : "-y"));
        words.addAll(options);
        if (refresh) {
            words.add("--refresh");
        }
        words.add(call.verb());
        if (!call.packages().isEmpty()) {
            // a spec starting with a dash stays a spec
            words.add("--");
            words.addAll(call.packages());
        }
        return "LC_ALL=C " + Sh.join(words);
    }
}
