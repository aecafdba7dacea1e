package dev.playbake.modules.system;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.files.CopyModule;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.Sh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/**
 * {@code mount} (ansible.posix), the part an image can carry: its /etc/fstab entries. Mounting,
 * remounting and unmounting a mounted path need a mount in the build container, which it may not make
 * and an image would not keep, so those fail with what to do instead.
 */
public final class MountModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            bool("boot").defaultsTo(true), str("dump"), str("fstab"), str("fstype"), path("path").required().aliases("name"),
            str("opts"), str("passno"), path("src"), bool("backup").defaultsTo(false),
            str("state").required().choices("absent", "absent_from_fstab", "mounted", "present", "unmounted", "remounted",
                    "ephemeral"));

    @Override
    public String name() {
        return "mount";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String state = args.required("state");
        String name = args.required("path");
        if (List.of("mounted", "present", "ephemeral").contains(state)) {
            List<String> missing = List.of("src", "fstype").stream().filter(a -> !args.has(a)).toList();
            if (!missing.isEmpty()) {
                return ModuleResult.failed("state is " + state + " but all of the following are missing: "
                        + String.join(", ", missing));
            }
        }
        if (List.of("mounted", "remounted", "ephemeral").contains(state)) {
            return cannotMount(name, state);
        }
        FstabEntry entry = FstabEntry.of(args);
        Map<String, Object> values = new LinkedHashMap<>(entry.describe());
        values.put("backup_file", "");
        String fstab = entry.fstab();
        Optional<String> text = read(context, fstab);
        if (state.equals("unmounted")) {
            return mounted(context, name) ? cannotMount(name, state) : ModuleResult.changed(false, values);
        }
        List<String> lines = Fstab.lines(text.orElse(""));
        Optional<List<String>> edited = state.equals("present") ? Fstab.set(lines, entry) : Fstab.unset(lines, name,
                args.string("src"));
        if (edited.isEmpty()) {
            return ModuleResult.changed(false, values);
        }
        if (!context.checkMode()) {
            if (args.bool("backup", false) && text.isPresent()) {
                values.put("backup_file", CopyModule.backup(context, fstab).orElse(""));
            }
            RemoteFile existing = RemoteFile.read(context, fstab, false);
            int mode = existing.exists() ? Integer.parseInt(existing.mode(), 8) : 0644;
            context.connection().put(List.of(new FileEntry(fstab,
                    String.join("", edited.get()).getBytes(StandardCharsets.UTF_8), mode)));
            if (state.equals("absent")) {
                if (mounted(context, name)) {
                    return cannotMount(name, state);
                }
                ExecResult removed = context.sh("p=" + Sh.quote(name) + "; [ ! -e \"$p\" ] || rmdir -- \"$p\"");
                if (!removed.succeeded()) {
                    return ModuleResult.failed("Error rmdir " + name + ": " + removed.stderr().strip());
                }
            }
        }
        return ModuleResult.changed(true, values);
    }

    private static ModuleResult cannotMount(String name, String state) {
        return ModuleResult.failed("mount: state " + state + " of " + name + " needs to " + (state.equals("mounted")
                || state.equals("ephemeral") ? "mount a filesystem" : "unmount or remount a filesystem")
                + ", which a build container cannot do (it has no mount privilege, and a mount is not part of an image)."
                + " state: present writes the /etc/fstab entry the image's own system mounts at boot; the volumes a"
                + " container of the image gets are its runtime's (docker run -v/--mount, a pod's volumes).");
    }

    private static Optional<String> read(ModuleContext context, String fstab) {
        // Ansible creates a missing fstab (and its directory) before it reads it
        if (!context.checkMode()) {
            context.sh("f=" + Sh.quote(fstab) + "; [ -e \"$f\" ] || { mkdir -p \"$(dirname \"$f\")\" && : >> \"$f\"; }");
        }
        return context.connection().fetch(fstab).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** Whether {@code path} is a mount point of the build container, as /proc/self/mountinfo says. */
    private static boolean mounted(ModuleContext context, String path) {
        String out = context.sh("cut -d' ' -f5 /proc/self/mountinfo 2>/dev/null").stdout();
        String escaped = Fstab.escape(path);
        return out.lines().anyMatch(l -> l.equals(path) || l.equals(escaped)
                || l.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\").equals(path));
    }

    /** An fstab line as the module's arguments describe it, with Ansible's defaults. */
    record FstabEntry(String src, String name, String fstype, String opts, String dump, String passno, String fstab,
                      String boot, List<String> warnings) {

        static FstabEntry of(Args args) {
            List<String> warnings = new ArrayList<>();
            String opts = args.string("opts", "defaults");
            String boot = "yes";
            List<String> options = new ArrayList<>(List.of(opts.split(",", -1)));
            if (options.contains("noauto")) {
                warnings.add("Ignore the 'boot' due to 'opts' contains 'noauto'.");
            } else if (!args.bool("boot", true)) {
                boot = "no";
                if (options.contains("defaults")) {
                    warnings.add("Ignore the 'boot' due to 'opts' contains 'defaults'.");
                } else {
                    options.add("noauto");
                    opts = String.join(",", options);
                }
            }
            return new FstabEntry(args.string("src", ""), args.required("path"), args.string("fstype", ""), opts,
                    args.string("dump", "0"), args.string("passno", "0"), args.string("fstab", "/etc/fstab"), boot,
                    warnings);
        }

        /** The result's arguments, as Ansible returns them. */
        Map<String, Object> describe() {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("name", name);
            values.put("opts", opts);
            values.put("dump", dump);
            values.put("passno", passno);
            values.put("fstab", fstab);
            values.put("boot", boot);
            values.put("warnings", warnings);
            if (!src.isEmpty()) {
                values.put("src", src);
            }
            if (!fstype.isEmpty()) {
                values.put("fstype", fstype);
            }
            return values;
        }

        /** Fields in fstab order, escaped. */
        List<String> fields() {
            return List.of(Fstab.escape(src), Fstab.escape(name), Fstab.escape(fstype), Fstab.escape(opts),
                    Fstab.escape(dump), Fstab.escape(passno));
        }
    }
}
