package dev.playbake.modules.files;

import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.Sh;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/**
 * {@code tempfile}: a new file (mode 0600) or directory (0700) with a random name, as Python's
 * mkstemp/mkdtemp make them. The name is chosen here and created exclusively by the shell, since
 * busybox's mktemp takes no suffix.
 */
public final class TempfileModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("state").choices("file", "directory"), path("path"), str("prefix"), str("suffix"));

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_";
    private static final int ATTEMPTS = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String name() {
        return "tempfile";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        if (context.checkMode()) {
            return ModuleResult.ok(Map.of("skipped", true, "msg", "remote module (tempfile) does not support check mode"));
        }
        Args args = context.arguments();
        String state = args.string("state", "file");
        String prefix = args.string("prefix", "ansible.");
        String suffix = args.string("suffix", "");
        // Python's tempfile.gettempdir(): $TMPDIR, $TEMP, $TMP, then /tmp
        String dir = args.string("path").filter(s -> !s.isEmpty()).map(Sh::quote)
                .orElse("\"${TMPDIR:-${TEMP:-${TMP:-/tmp}}}\"");
        StringBuilder script = new StringBuilder("umask 077; d=").append(dir).append("; d=${d%/}; ");
        for (int i = 0; i < ATTEMPTS; i++) {
            String p = "\"$d\"/" + Sh.quote(prefix + randomName() + suffix);
            String create = state.equals("file") ? "(set -C; : > " + p + ") 2>/dev/null" : "mkdir " + p + " 2>/dev/null";
            script.append("if ").append(create).append("; then echo ").append(p).append("; exit 0; fi; ");
        }
        script.append("[ -d \"$d\" ] || { echo \"No such file or directory: '$d'\" >&2; exit 1; }; ")
                .append("echo \"cannot create a file in $d\" >&2; exit 1");
        var result = context.sh(script.toString());
        if (result.exitCode() != 0) {
            return ModuleResult.failed("[Errno 2] " + result.stderr().strip());
        }
        String path = result.stdout().strip();
        Map<String, Object> values = new LinkedHashMap<>(RemoteFile.read(context, path, false).describe());
        values.put("path", path);
        return ModuleResult.changed(true, values);
    }

    private static String randomName() {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            name.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
        }
        return name.toString();
    }
}
