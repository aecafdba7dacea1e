package dev.playbake.modules.files;

import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.Sh;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.playbake.modules.Argument.path;

/** {@code slurp}: a file's content, base64-encoded, read in one exec with the image's {@code base64}. */
public final class SlurpModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            path("src").required().aliases("path"));

    private static final String MISSING = "__playbake_missing__";
    private static final String DIRECTORY = "__playbake_directory__";
    private static final String UNREADABLE = "__playbake_unreadable__";

    @Override
    public String name() {
        return "slurp";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String src = args.required("src");
        String p = Sh.quote(src);
        var result = context.sh("if [ -d " + p + " ]; then echo " + DIRECTORY + "; elif [ ! -e " + p + " ]; then echo "
                + MISSING + "; elif [ ! -r " + p + " ]; then echo " + UNREADABLE + "; else base64 " + p + "; fi");
        String out = result.stdout().strip();
        return switch (out) {
            case MISSING -> ModuleResult.failed("file not found: " + src);
            case DIRECTORY -> ModuleResult.failed("source is a directory and must be a file: " + src);
            case UNREADABLE -> ModuleResult.failed("file is not readable: " + src);
            default -> {
                if (result.exitCode() != 0) {
                    yield ModuleResult.failed("unable to slurp file: " + result.stderr().strip());
                }
                Map<String, Object> values = new LinkedHashMap<>();
                // GNU base64 wraps at 76 columns, busybox's cannot be told not to: Ansible's has no breaks
                values.put("content", out.replaceAll("\\s", ""));
                values.put("source", src);
                values.put("encoding", "base64");
                yield ModuleResult.ok(values);
            }
        };
    }
}
