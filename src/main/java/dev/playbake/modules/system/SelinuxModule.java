package dev.playbake.modules.system;

import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.str;

/**
 * {@code selinux} (ansible.posix): SELinux's state is the kernel's, and a build container's kernel is the
 * build machine's. Ansible's module fails in an image without SELinux's Python bindings (Debian's base
 * image has none); this one always fails, with what an image can carry instead.
 */
public final class SelinuxModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("policy"), str("state").required().choices("enforcing", "permissive", "disabled"),
            str("configfile").aliases("conf", "file").defaultsTo("/etc/selinux/config"),
            bool("update_kernel_param").defaultsTo(false));

    @Override
    public String name() {
        return "selinux";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        String state = context.arguments().required("state");
        String config = context.arguments().string("configfile", "/etc/selinux/config");
        return SelinuxRefusal.of("selinux", "state " + state + " is the kernel's SELinux mode", "ship the setting as a"
                + " file: lineinfile on " + config + " with line SELINUX=" + state + ", which the image's system reads"
                + " at boot");
    }
}
