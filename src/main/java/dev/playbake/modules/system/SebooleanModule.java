package dev.playbake.modules.system;

import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.str;

/** {@code seboolean} (ansible.posix): an SELinux boolean is kernel state, so the task always fails, saying why. */
public final class SebooleanModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("name").required(), bool("state").required(), bool("persistent").defaultsTo(false),
            bool("ignore_selinux_state").defaultsTo(false));

    @Override
    public String name() {
        return "seboolean";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        String name = context.arguments().required("name");
        boolean state = context.arguments().bool("state", false);
        return SelinuxRefusal.of("seboolean", "setting the boolean " + name + " to " + (state ? "on" : "off"));
    }
}
