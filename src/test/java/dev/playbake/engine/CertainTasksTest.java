package dev.playbake.engine;

import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.SourceFiles;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The walk the checks before a build share: every section in written order, handlers last, and which tasks certainly run. */
class CertainTasksTest {

    @Test
    void everySectionInWrittenOrderWithHandlersLastAndWhatCertainlyRuns() {
        var playbook = PlaybookParser.parse("playbook.yml", """
                - hosts: all
                  pre_tasks:
                    - name: pre
                      debug: {}
                  roles: [web]
                  tasks:
                    - name: outer
                      block:
                        - name: a
                          debug: {}
                      rescue:
                        - name: d
                          debug: {}
                      always:
                        - name: e
                          debug: {}
                    - name: maybe
                      debug: {}
                      when: x
                    - name: stop
                      meta: end_play
                    - name: after
                      debug: {}
                  post_tasks:
                    - name: post
                      debug: {}
                  handlers:
                    - name: h
                      debug: {}
                """, new SourceFiles(Map.of(
                "roles/web/tasks/main.yml", "- name: role task\n  debug: {}\n".getBytes(),
                "roles/web/handlers/main.yml", "- name: role handler\n  debug: {}\n".getBytes())));
        List<String> walked = CertainTasks.of(playbook, TagSelection.ALL).stream()
                .map(v -> v.task().name() + (v.certain() ? "" : "?")).toList();
        assertEquals(List.of("pre", "role task", "a?", "d?", "e", "maybe?", "stop", "after?", "post?",
                "role handler?", "h?"), walked);
    }
}
