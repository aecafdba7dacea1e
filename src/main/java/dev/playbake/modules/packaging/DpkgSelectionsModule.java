package dev.playbake.modules.packaging;

import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.Sh;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static dev.playbake.modules.Argument.str;

/** {@code dpkg_selections}: a package's selection state (install, hold, deinstall, purge) through dpkg. */
public final class DpkgSelectionsModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("name").required(), str("selection").required());

    private static final Set<String> SELECTIONS = Set.of("install", "hold", "deinstall", "purge");

    @Override
    public String name() {
        return "dpkg_selections";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String name = args.required("name");
        String selection = args.required("selection");
        if (!SELECTIONS.contains(selection)) {
            return ModuleResult.failed("value of selection must be one of: install, hold, deinstall, purge, got: " + selection);
        }
        ExecResult got = context.sh("dpkg --get-selections " + Sh.quote(name));
        if (!got.succeeded()) {
            return ModuleResult.failed(got.stderr().strip(), Map.of("rc", got.exitCode()));
        }
        String[] words = got.stdout().strip().split("\\s+");
        String current = got.stdout().isEmpty() || words.length < 2 ? "not present" : words[1];
        boolean changed = !current.equals(selection);
        if (changed && !context.checkMode()) {
            byte[] line = (name + " " + selection + "\n").getBytes(StandardCharsets.UTF_8);
            ExecResult set = context.exec(ExecRequest.of("dpkg", "--set-selections").withStdin(line));
            if (!set.succeeded()) {
                return ModuleResult.failed(set.stderr().strip(), Map.of("rc", set.exitCode()));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("before", current);
        values.put("after", selection);
        return ModuleResult.changed(changed, values);
    }
}
