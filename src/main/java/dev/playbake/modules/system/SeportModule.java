package dev.playbake.modules.system;

import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.list;
import static dev.playbake.modules.Argument.str;

/** {@code seport} (community.general): an SELinux port type is kernel policy, so the task always fails, saying why. */
public final class SeportModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            list("ports").required(), str("proto").required().choices("tcp", "udp"), str("setype").required(),
            str("state").choices("absent", "present").defaultsTo("present"), bool("reload").defaultsTo(true),
            bool("ignore_selinux_state").defaultsTo(false), bool("local").defaultsTo(false));

    @Override
    public String name() {
        return "seport";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        String ports = String.join(",", context.arguments().list("ports"));
        String proto = context.arguments().required("proto");
        String setype = context.arguments().required("setype");
        return SelinuxRefusal.of("seport", "labelling " + proto + " port(s) " + ports + " as " + setype);
    }
}
