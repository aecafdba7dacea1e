package dev.playbake.modules.system;

import dev.playbake.modules.ModuleResult;

/**
 * The failure of a module that changes SELinux ({@code selinux}, {@code seboolean}, {@code seport}): its mode and
 * policy live in the kernel the build container shares with the build machine, not in the image.
 */
final class SelinuxRefusal {

    private SelinuxRefusal() {
    }

    /**
     * The task's failure: {@code kernelState} says what it asked for is the kernel's, then the guard real roles use
     * and {@code alternative}, what to do instead.
     */
    static ModuleResult of(String module, String kernelState, String alternative) {
        return ModuleResult.failed(module + ": " + kernelState + ", and a build container runs on the build"
                + " machine's kernel, not the image's (Ansible's module fails in an image without SELinux's Python"
                + " bindings, as Debian's has none). Guard the task with when: ansible_selinux.status == 'enabled'"
                + " (the fact says 'disabled' in a build, or 'Missing selinux Python library' in an image without"
                + " libselinux), or " + alternative + ".");
    }

    /** As {@link #of(String, String, String)} for a change of the loaded policy, which only the running host can make. */
    static ModuleResult of(String module, String request) {
        return of(module, request + " changes the SELinux policy the kernel has loaded", "set it where the image runs,"
                + " at boot or in the host's policy");
    }
}
