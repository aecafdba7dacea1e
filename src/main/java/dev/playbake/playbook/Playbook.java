package dev.playbake.playbook;

import java.util.List;

/** A parsed playbook: its file and its plays. */
public record Playbook(String file, List<Play> plays) {

    public Playbook {
        plays = List.copyOf(plays);
    }
}
