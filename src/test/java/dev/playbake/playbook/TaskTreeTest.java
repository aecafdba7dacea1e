package dev.playbake.playbook;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The walk over blocks, rescue and always, roles and handlers. */
class TaskTreeTest {

    private static final Play PLAY = PlaybookParser.parse("playbook.yml", """
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
                    - block:
                        - name: b
                          debug: {}
                      rescue:
                        - name: c
                          debug: {}
                  rescue:
                    - name: d
                      debug: {}
                  always:
                    - name: e
                      debug: {}
              post_tasks:
                - name: post
                  debug: {}
              handlers:
                - name: h
                  debug: {}
            """, new SourceFiles(Map.of(
            "roles/web/tasks/main.yml", "- name: role task\n  debug: {}\n".getBytes(),
            "roles/web/handlers/main.yml", "- name: role handler\n  debug: {}\n".getBytes())))
            .plays().get(0);

    @Test
    void blockOnlySkipsRescueAndAlwaysAtEveryDepth() {
        assertEquals(List.of("role task", "a", "b"),
                TaskTree.tasks(PLAY.tasks(), TaskTree.Sections.BLOCK_ONLY).map(Task::name).toList());
    }

    @Test
    void stepsListABlockBeforeWhatItHolds() {
        Step outer = PLAY.tasks().get(1);
        assertEquals(List.of("outer", "a", "", "b", "c", "d", "e"),
                TaskTree.steps(outer, TaskTree.Sections.ALL).map(Step::name).toList());
    }
}
