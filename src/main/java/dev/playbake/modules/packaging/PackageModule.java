package dev.playbake.modules.packaging;

import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.ArgumentValidator;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.playbake.modules.Argument.list;
import static dev.playbake.modules.Argument.str;

/** {@code package}: the generic module, dispatched on the image's package manager ({@code ansible_pkg_mgr}). */
public final class PackageModule implements Module {

    // the backend is known only in the container: a task may use the arguments of either
    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(list("name"), str("state"), str("use"))
            .plus(new AptModule().argumentSpec()).plus(DnfRequest.ANSIBLE_ARGUMENTS).forwardedToBackend();

    @Override
    public String name() {
        return "package";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        // as Ansible's package action: every argument but 'use' goes to the backend, which checks them
        String manager = context.arguments().string("use").filter(u -> !u.equals("auto"))
                .orElse(String.valueOf(context.fact("pkg_mgr").orElse("unknown")));
        Module backend = switch (manager) {
            case "apt" -> new AptModule();
            case "dnf", "yum" -> new DnfModule(manager);
            default -> null;
        };
        if (backend == null) {
            return ModuleResult.failed("package: the image's package manager is '" + manager
                    + "'; playbake's package module supports apt (Debian and Ubuntu images) and dnf or yum "
                    + "(Fedora, RHEL and their clones)");
        }
        Map<String, Object> args = new LinkedHashMap<>(context.args());
        args.remove("use");
        return ArgumentValidator.validating(backend).run(context.withArgs(args));
    }
}
