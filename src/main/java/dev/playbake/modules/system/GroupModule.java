package dev.playbake.modules.system;

import dev.playbake.connection.ExecResult;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.Sh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.integer;
import static dev.playbake.modules.Argument.str;

/** {@code group}: groups through groupadd/groupmod/groupdel. */
public final class GroupModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("name").required(), integer("gid"), str("state").choices("absent", "present").defaultsTo("present"),
            bool("system"), str("local"), bool("non_unique"), str("force"));

    @Override
    public String name() {
        return "group";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String name = args.required("name");
        String state = args.string("state").orElseThrow();
        ExecResult line = context.sh("grep '^" + name.replace("'", "") + ":' /etc/group | cut -d: -f3");
        String currentGid = line.stdout().strip();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("state", state);
        boolean changed;
        if (state.equals("absent")) {
            changed = !currentGid.isEmpty();
            if (changed && !context.checkMode()) {
                require(context.sh("groupdel " + Sh.quote(name)));
            }
        } else {
            List<String> cmd = new ArrayList<>();
            if (currentGid.isEmpty()) {
                cmd.add("groupadd");
                args.integer("gid").ifPresent(gid -> cmd.addAll(List.of("-g", String.valueOf(gid))));
                if (args.bool("system", false)) {
                    cmd.add("-r");
                }
            } else if (args.integer("gid").filter(gid -> !String.valueOf(gid).equals(currentGid)).isPresent()) {
                cmd.addAll(List.of("groupmod", "-g", String.valueOf(args.integer("gid").get())));
            }
            if (args.bool("non_unique", false) && !cmd.isEmpty()) {
                cmd.add("-o");
            }
            changed = !cmd.isEmpty();
            if (changed && !context.checkMode()) {
                cmd.add(name);
                require(context.sh("command -v groupadd >/dev/null || { echo 'the group module needs groupadd "
                        + "(the passwd package) in the image' >&2; exit 1; }; " + Sh.join(cmd)));
            }
            if (!context.checkMode()) {
                String gid = context.sh("grep '^" + name.replace("'", "") + ":' /etc/group | cut -d: -f3").stdout().strip();
                if (!gid.isEmpty()) {
                    values.put("gid", Integer.parseInt(gid));
                }
            }
            values.put("system", args.bool("system", false));
        }
        return ModuleResult.changed(changed, values);
    }

    private static void require(ExecResult result) {
        if (!result.succeeded()) {
            throw new ModuleException(result.stderr().strip());
        }
    }
}
