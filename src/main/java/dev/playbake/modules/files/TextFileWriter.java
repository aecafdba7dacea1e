package dev.playbake.modules.files;

import dev.playbake.connection.FileEntry;
import dev.playbake.modules.Args;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.Sh;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes an edited text file back as Ansible's editing modules do: validated first when asked,
 * keeping the owner and mode of the file it replaces, then applying the task's owner/group/mode.
 */
final class TextFileWriter {

    /** The outcome: whether anything changed, and the message Ansible would add for attributes. */
    record Written(boolean changed, boolean attributesChanged) {
    }

    private TextFileWriter() {
    }

    static Written write(ModuleContext context, Args args, RemoteFile existing, String content, boolean contentChanged) {
        String path = existing.path();
        if (contentChanged && !context.checkMode()) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            int mode = existing.exists() ? Integer.parseInt(existing.mode(), 8) : 0644;
            if (args.has("validate")) {
                String command = args.string("validate", "");
                if (!command.contains("%s")) {
                    throw new ModuleException("validate must contain %s: " + command);
                }
                String temp = path + ".playbake-validate";
                context.connection().put(List.of(new FileEntry(temp, bytes, mode)));
                var result = context.sh(command.replace("%s", Sh.quote(temp)) + "; rc=$?; rm -f " + Sh.quote(temp)
                        + "; exit $rc");
                if (!result.succeeded()) {
                    throw new ModuleException("failed to validate: rc:" + result.exitCode() + " error:"
                            + result.stderr().strip());
                }
            }
            if (args.bool("backup", false) && existing.exists()) {
                context.sh(CopyModule.backupCommand(path));
            }
            context.connection().put(List.of(new FileEntry(path, bytes, mode)));
            if (existing.exists()) {
                context.sh("chown " + existing.uid() + ":" + existing.gid() + " " + Sh.quote(path));
            } else {
                RemoteFile.giveToBecomeUser(context, List.of(path));
            }
        }
        boolean attributes = false;
        if (args.has("mode") || args.has("owner") || args.has("group")) {
            if (context.checkMode()) {
                attributes = true;
            } else {
                attributes = context.sh(RemoteFile.applyAttributes(path, args.string("owner", ""),
                        args.string("group", ""), args.raw("mode"), false)).stdout().contains("changed");
            }
        }
        return new Written(contentChanged || attributes, attributes);
    }

    /** Ansible's message once attributes changed too. */
    static String message(String message, Written written) {
        if (!written.attributesChanged()) {
            return message;
        }
        return (message.isEmpty() ? "" : message + " and ") + "ownership, perms or SE linux context changed";
    }
}
