package dev.playbake.playbook;

/** One entry of a task list: a single task or a block of tasks. */
public sealed interface Step permits Task, Block {

    String name();

    Location location();

    TaskOptions options();
}
