package dev.playbake.modules;

/**
 * What a build does with a task that asks for a service's running state (started, stopped, restarted,
 * reloaded, a systemd daemon_reload): a build container runs no init, and a started daemon is not part
 * of an image.
 */
public enum ServiceStatePolicy {
    /** The request is recorded in the task's result, nothing is started, and the task reports Ansible's status. */
    RECORD,
    /** Such a task fails, naming the setting. */
    STRICT
}
