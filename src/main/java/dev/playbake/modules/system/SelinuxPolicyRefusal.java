package dev.playbake.modules.system;

import dev.playbake.modules.ModuleResult;

/**
 * The failure of a module that changes the loaded SELinux policy ({@code seboolean}, {@code seport}): that policy
 * lives in the kernel the build container shares with the build machine, not in the image.
 */
final class SelinuxPolicyRefusal {

    private SelinuxPolicyRefusal() {
    }

    /** The task's failure, naming what it asked for, the guard real roles use and what an image can carry. */
    static ModuleResult of(String module, String request) {
        return ModuleResult.failed(module + ": " + request + " changes the SELinux policy the kernel has loaded, and a"
                + " build container runs on the build machine's kernel, not the image's (Ansible's module fails in an"
                + " image without SELinux's Python bindings, as Debian's has none). Guard the task with"
                + " when: ansible_selinux.status == 'enabled' (the fact says 'disabled' in a build), or set it where the"
                + " image runs, at boot or in the host's policy.");
    }
}
