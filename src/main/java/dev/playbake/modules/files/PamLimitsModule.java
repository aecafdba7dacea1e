package dev.playbake.modules.files;

import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.PyPaths;
import dev.playbake.python.PyStrings;
import dev.playbake.python.Sh;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.str;

/**
 * {@code pam_limits} (community.general 6.6): one limit in limits.conf, rewritten line by line as the
 * module does, with its quirks kept (a comment taken from an earlier line, {@code use_max} comparing
 * {@code -1} as unlimited), since the file must come out byte for byte as Ansible's.
 */
public final class PamLimitsModule implements Module {

    private static final List<String> TYPES = List.of("hard", "soft", "-");
    private static final List<String> ITEMS = List.of("core", "data", "fsize", "memlock", "nofile", "rss", "stack",
            "cpu", "nproc", "as", "maxlogins", "maxsyslogins", "priority", "locks", "sigpending", "msgqueue", "nice",
            "rtprio", "chroot");
    private static final List<String> UNLIMITED = List.of("unlimited", "infinity", "-1");

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("domain").required(), str("limit_type").required().choices(TYPES.toArray(String[]::new)),
            str("limit_item").required().choices(ITEMS.toArray(String[]::new)), str("value").required(),
            bool("use_max").defaultsTo(false), bool("use_min").defaultsTo(false), bool("backup").defaultsTo(false),
            str("dest").defaultsTo("/etc/security/limits.conf"), str("comment").defaultsTo(""));

    @Override
    public String name() {
        return "pam_limits";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String dest = args.string("dest", "/etc/security/limits.conf");
        Limit wanted = new Limit(args.string("domain", ""), args.string("limit_type", ""),
                args.string("limit_item", ""), PyStrings.str(args.raw("value")));
        boolean useMax = args.bool("use_max", false);
        boolean useMin = args.bool("use_min", false);
        RemoteFile existing = RemoteFile.read(context, dest, false);
        boolean created = false;
        if (!existing.isFile() && !existing.type().equals("link")) {
            String directory = PyPaths.dirname(dest);
            // the module creates the file before anything else, even in check mode
            if (!RemoteFile.read(context, directory, false).isDirectory()
                    || !context.sh(": >> " + Sh.quote(dest)).succeeded()) {
                return ModuleResult.failed("directory " + directory
                        + " is not writable (check presence, access rights, use sudo)");
            }
            created = true;
            existing = RemoteFile.read(context, dest, false);
        }
        if (useMax && useMin) {
            return ModuleResult.failed("Cannot use use_min and use_max at the same time.");
        }
        Optional<String> invalid = invalidValue(wanted.item(), wanted.value(), "");
        if (invalid.isPresent()) {
            return ModuleResult.failed(invalid.get());
        }
        Optional<String> backup = Optional.empty();
        if (args.bool("backup", false)) {
            backup = CopyModule.backup(context, dest);
        }
        String before = new String(context.connection().fetch(dest).orElse(new byte[0]), StandardCharsets.UTF_8);
        LimitsEdit edit;
        try {
            edit = LimitsEdit.apply(PyStrings.linesKeepingEnds(before), wanted, useMax, useMin,
                    args.string("comment", ""), dest);
        } catch (LimitsEdit.InvalidLine e) {
            return ModuleResult.failed(e.getMessage());
        }
        String after = String.join("", edit.lines());
        if (!after.equals(before)) {
            // the backup is made above, before reading, as the module makes it
            TextFileWriter.write(context, new Args(Map.of()), existing, after, true);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("msg", edit.message());
        values.put("diff", Map.of("before", before, "after", after));
        backup.ifPresent(file -> values.put("backup_file", file));
        return ModuleResult.changed(created || edit.changed(), values);
    }

    /** One limit: who, which type, which item, and its value. */
    record Limit(String domain, String type, String item, String value) {
    }

    /** The module's check of a value, as its message, or empty when the value is valid. */
    static Optional<String> invalidValue(String item, String value, String prefix) {
        if (item.equals("nice") || item.equals("priority")) {
            Optional<BigInteger> number = pythonInt(value);
            if (number.isEmpty() || number.get().compareTo(BigInteger.valueOf(-20)) < 0
                    || number.get().compareTo(BigInteger.valueOf(19)) > 0) {
                return Optional.of(prefix + " Value of " + PyStrings.repr(value) + " for item " + PyStrings.repr(item)
                        + " is invalid. Value must be a number in the range -20 to 19 inclusive. "
                        + "Refer to the limits.conf(5) manual pages for more details.");
            }
        } else if (!UNLIMITED.contains(value) && !isDigits(value)) {
            return Optional.of(prefix + " Value of " + PyStrings.repr(value) + " for item " + PyStrings.repr(item)
                    + " is invalid. Value must either be 'unlimited', 'infinity' or -1, all of which indicate no limit, "
                    + "or a limit of 0 or larger. Refer to the limits.conf(5) manual pages for more details.");
        }
        return Optional.empty();
    }

    static boolean isDigits(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Python's {@code int(text)} for decimal text: surrounding spaces, a sign, and underscores between digits. */
    static Optional<BigInteger> pythonInt(String text) {
        String t = LimitsEdit.pyStrip(text);
        if (!t.matches("[+-]?[0-9](_?[0-9])*")) {
            return Optional.empty();
        }
        return Optional.of(new BigInteger(t.replace("_", "").replace("+", "")));
    }
}
