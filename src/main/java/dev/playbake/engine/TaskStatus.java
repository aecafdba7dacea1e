package dev.playbake.engine;

/** How a task ended, as Ansible reports it per host. */
public enum TaskStatus {
    OK, CHANGED, SKIPPED, FAILED
}
