package dev.playbake.modules.files;

import dev.playbake.connection.FileEntry;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.LocalFiles;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.PyPaths;
import dev.playbake.python.Sh;
import org.apache.commons.codec.digest.DigestUtils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.raw;
import static dev.playbake.modules.Argument.str;

/**
 * {@code copy}: writes {@code content} or the playbook's {@code src} file (or directory) to {@code dest},
 * changing only what differs. The engine's {@code template} action renders and then calls this.
 * One exec reads every destination, one archive writes what changed, one exec sets attributes.
 */
public final class CopyModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            path("src"), raw("content"), path("dest").required(), raw("mode"), str("owner"), str("group"),
            bool("force"), bool("backup"), raw("directory_mode"), bool("remote_src"), str("validate"), str("follow"),
            str("local_follow"), str("checksum"), str("decrypt"), str("unsafe_writes"), str("attributes"),
            str("seuser"), str("serole"), str("setype"), str("selevel"), str("_original_basename"))
            .mutuallyExclusive("content", "src");

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    /** One file to place: where, what, and the source path for messages. */
    private record Planned(String dest, byte[] content, String src) {
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String dest = args.required("dest");
        boolean hasContent = args.has("content");
        if (!hasContent && !args.has("src")) {
            throw new ModuleException("src (or content) is required");
        }
        if (args.bool("remote_src", false)) {
            return remoteCopy(context, args, dest);
        }
        List<Planned> planned = plan(context, args, dest, hasContent);
        return place(context, args, planned, hasContent);
    }

    private List<Planned> plan(ModuleContext context, Args args, String dest, boolean hasContent) {
        if (hasContent) {
            Object content = args.raw("content");
            String text = content instanceof String s ? s : dev.playbake.python.Json.write(content);
            if (dest.endsWith("/")) {
                throw new ModuleException("can not use content with a dir as dest");
            }
            return List.of(new Planned(dest, text.getBytes(StandardCharsets.UTF_8), ""));
        }
        String src = args.required("src");
        Optional<LocalFiles.Found> file = context.files().find("files", src);
        if (file.isPresent()) {
            String name = args.string("_original_basename", PyPaths.lastName(src));
            String target = dest.endsWith("/") ? dest + name : dest;
            return List.of(new Planned(target, file.get().content(), file.get().path()));
        }
        String dir = src.endsWith("/") ? src.substring(0, src.length() - 1) : src;
        List<LocalFiles.Found> tree = context.files().tree("files", dir);
        if (tree.isEmpty()) {
            throw new ModuleException("Could not find or access '" + src + "' on the Ansible Controller "
                    + "(looked in the role's files/, the playbook's files/ and next to the playbook)");
        }
        // src "dir/" copies the contents, "dir" copies the directory itself, as rsync and Ansible do
        String base = (dest.endsWith("/") ? dest : dest + "/") + (src.endsWith("/") ? "" : PyPaths.lastName(dir) + "/");
        List<Planned> planned = new ArrayList<>();
        for (LocalFiles.Found found : tree) {
            planned.add(new Planned(base + found.path(), found.content(), dir + "/" + found.path()));
        }
        return planned;
    }

    private ModuleResult place(ModuleContext context, Args args, List<Planned> planned, boolean hasContent) {
        boolean single = planned.size() == 1 && !planned.get(0).src().isEmpty() || hasContent;
        List<String> paths = new ArrayList<>(planned.stream().map(Planned::dest).toList());
        Map<String, RemoteFile> remote = RemoteFile.read(context, paths, true);
        // a destination that is a directory receives the file inside it
        List<Planned> resolved = new ArrayList<>();
        for (Planned p : planned) {
            RemoteFile existing = remote.get(p.dest());
            if (existing.isDirectory()) {
                if (hasContent) {
                    throw new ModuleException("can not use content with a dir as dest");
                }
                resolved.add(new Planned(p.dest() + "/" + PyPaths.lastName(p.src()), p.content(), p.src()));
            } else {
                resolved.add(p);
            }
        }
        if (!resolved.equals(planned)) {
            remote = RemoteFile.read(context, resolved.stream().map(Planned::dest).toList(), true);
        }
        boolean force = args.bool("force", true);
        Object mode = args.raw("mode");
        String owner = args.string("owner", "");
        String group = args.string("group", "");

        List<FileEntry> writes = new ArrayList<>();
        List<String> newFiles = new ArrayList<>();
        LinkedHashSet<String> parents = new LinkedHashSet<>();
        StringBuilder attributes = new StringBuilder();
        boolean changed = false;
        for (Planned p : resolved) {
            RemoteFile existing = remote.get(p.dest());
            String checksum = DigestUtils.sha1Hex(p.content());
            boolean write = !existing.exists() || force && !checksum.equals(existing.sha1());
            if (existing.exists() && !existing.isFile() && !existing.type().equals("link")) {
                throw new ModuleException("Destination " + p.dest() + " exists and is not a regular file");
            }
            if (write) {
                int fileMode = RemoteFile.octal(mode).orElse(existing.exists() ? Integer.parseInt(existing.mode(), 8) : 0644);
                writes.add(new FileEntry(p.dest(), p.content(), fileMode));
                parents.add(PyPaths.parentFolder(p.dest()));
                changed = true;
                if (existing.exists() && owner.isEmpty() && group.isEmpty()) {
                    // keep the owner of the file being replaced, as Ansible's atomic move does
                    attributes.append("chown ").append(existing.uid()).append(':').append(existing.gid())
                            .append(' ').append(Sh.quote(p.dest())).append(" || exit 1\n");
                } else if (!existing.exists() && owner.isEmpty() && group.isEmpty() && !context.user().isEmpty()) {
                    newFiles.add(p.dest());
                }
            }
            if (!owner.isEmpty() || !group.isEmpty() || mode != null && RemoteFile.octal(mode).isEmpty()
                    || mode != null && existing.exists() && !write
                    && RemoteFile.octal(mode).get() != Integer.parseInt(existing.mode(), 8)) {
                attributes.append(RemoteFile.applyAttributes(p.dest(), owner, group, mode, false)).append('\n');
            }
        }
        // a dest ending in '/' is a directory Ansible creates; any other dest's directory must exist
        if (single && !parents.isEmpty() && !args.string("dest", "").endsWith("/")) {
            String dir = parents.iterator().next();
            if (!dir.isEmpty() && !dir.equals("/") && !RemoteFile.read(context, dir, false).isDirectory()) {
                return ModuleResult.failed("Destination directory " + dir + " does not exist");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        if (!context.checkMode()) {
            if (!writes.isEmpty()) {
                if (args.has("validate")) {
                    String failure = validate(context, args.string("validate", ""), writes);
                    if (failure != null) {
                        return ModuleResult.failed(failure);
                    }
                }
                if (args.bool("backup", false)) {
                    backup(context, writes, remote).ifPresent(file -> values.put("backup_file", file));
                }
                context.connection().put(writes);
                RemoteFile.giveToBecomeUser(context, newFiles);
            }
            if (!attributes.isEmpty()) {
                var result = context.sh(attributes.toString());
                if (!result.succeeded()) {
                    return ModuleResult.failed("chown/chmod failed: " + result.stderr().strip());
                }
                changed |= result.stdout().contains("changed");
            }
        } else if (!attributes.isEmpty()) {
            changed = true;
        }
        Planned first = resolved.get(0);
        values.put("dest", single ? first.dest() : args.string("dest", ""));
        if (!first.src().isEmpty()) {
            values.put("src", first.src());
        }
        if (single) {
            values.put("checksum", DigestUtils.sha1Hex(first.content()));
            values.put("md5sum", DigestUtils.md5Hex(first.content()));
            values.put("size", first.content().length);
            values.put("state", "file");
            if (!context.checkMode()) {
                values.putAll(RemoteFile.read(context, first.dest(), false).describe());
                values.put("dest", first.dest());
            }
        }
        return ModuleResult.changed(changed, values);
    }

    /** Writes each new file beside its destination, runs the validator on it, and removes it again. */
    private static String validate(ModuleContext context, String command, List<FileEntry> writes) {
        if (!command.contains("%s")) {
            throw new ModuleException("validate must contain %s: " + command);
        }
        for (FileEntry entry : writes) {
            String temp = entry.path() + ".playbake-validate";
            context.connection().put(List.of(new FileEntry(temp, entry.content(), entry.mode())));
            var result = context.sh(command.replace("%s", Sh.quote(temp)) + "; rc=$?; rm -f " + Sh.quote(temp)
                    + "; exit $rc");
            if (!result.succeeded()) {
                return "failed to validate: rc:" + result.exitCode() + " error:" + result.stderr().strip();
            }
        }
        return null;
    }

    /** Copies each file about to be replaced to Ansible's backup name; the last backup's name, if any. */
    private static Optional<String> backup(ModuleContext context, List<FileEntry> writes, Map<String, RemoteFile> remote) {
        StringBuilder script = new StringBuilder();
        for (FileEntry entry : writes) {
            if (remote.get(entry.path()) != null && remote.get(entry.path()).exists()) {
                script.append(backupCommand(entry.path())).append('\n');
            }
        }
        if (script.isEmpty()) {
            return Optional.empty();
        }
        return context.sh(script.toString()).stdout().lines().reduce((first, second) -> second);
    }

    /**
     * A shell command that copies {@code path} with its mode, owner and times to Ansible's backup name,
     * {@code PATH.PID.YYYY-MM-DD@HH:MM:SS~} (module_utils' {@code backup_local}; the pid is the shell's),
     * and prints that name.
     */
    /** Ansible's backup copy of {@code path}, made now: its name, empty when the copy failed. */
    public static Optional<String> backup(ModuleContext context, String path) {
        return context.sh(backupCommand(path)).stdout().lines().reduce((a, b) -> b);
    }

    public static String backupCommand(String path) {
        return "b=" + Sh.quote(path) + ".$$.$(date +%Y-%m-%d@%H:%M:%S)~; cp -p " + Sh.quote(path)
                + " \"$b\" && printf '%s\\n' \"$b\"";
    }

    /** {@code remote_src: true}: copy a file that is already in the container. */
    private ModuleResult remoteCopy(ModuleContext context, Args args, String dest) {
        String src = args.required("src");
        String script = "s=" + Sh.quote(src) + "; d=" + Sh.quote(dest) + "; [ -e \"$s\" ] || { echo missing; exit 1; }; "
                + "[ -d \"$d\" ] && d=\"$d/$(basename \"$s\")\"; "
                + "if [ -f \"$d\" ] && cmp -s \"$s\" \"$d\"; then echo same; else "
                + (context.checkMode() ? "echo copy; fi" : "cp -a \"$s\" \"$d\" && echo copy; fi");
        var result = context.sh(script);
        if (result.stdout().contains("missing")) {
            return ModuleResult.failed("Source " + src + " not found");
        }
        if (!result.succeeded()) {
            return ModuleResult.failed("copy failed: " + result.stderr().strip());
        }
        boolean changed = result.stdout().contains("copy");
        if (args.has("mode") || args.has("owner") || args.has("group")) {
            var attrs = context.sh(RemoteFile.applyAttributes(dest, args.string("owner", ""), args.string("group", ""),
                    args.raw("mode"), false));
            changed |= attrs.stdout().contains("changed");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("dest", dest);
        values.put("src", src);
        return ModuleResult.changed(changed, values);
    }
}
