package dev.playbake.modules.files;

import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.Sh;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/** {@code stat}: what a path is, in Ansible's {@code stat} result shape. */
public final class StatModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            path("path").required(), bool("follow"), bool("get_checksum"),
            str("checksum_algorithm").choices("md5", "sha1", "sha224", "sha256", "sha384", "sha512"), str("get_md5"),
            str("get_mime"), str("get_attributes"), str("get_selinux_context"));

    @Override
    public String name() {
        return "stat";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String path = args.required("path");
        boolean follow = args.bool("follow", false);
        RemoteFile file = RemoteFile.read(context, path, args.bool("get_checksum", true));
        if (follow && file.type().equals("link")) {
            var resolved = context.sh("readlink -f " + Sh.quote(path));
            file = RemoteFile.read(context, resolved.stdout().strip(), args.bool("get_checksum", true));
        }
        Map<String, Object> stat = new LinkedHashMap<>();
        stat.put("exists", file.exists());
        if (file.exists()) {
            stat.put("path", path);
            stat.put("mode", file.octalMode());
            stat.put("isdir", file.isDirectory());
            stat.put("isreg", file.isFile());
            stat.put("islnk", file.type().equals("link"));
            stat.put("size", file.size());
            stat.put("uid", file.uid());
            stat.put("gid", file.gid());
            stat.put("pw_name", file.owner());
            stat.put("gr_name", file.group());
            int mode = Integer.parseInt(file.mode(), 8);
            stat.put("readable", true);
            stat.put("executable", (mode & 0111) != 0);
            stat.put("xusr", (mode & 0100) != 0);
            stat.put("rusr", (mode & 0400) != 0);
            stat.put("wusr", (mode & 0200) != 0);
            if (file.isFile() && !file.sha1().isEmpty()) {
                String algorithm = args.string("checksum_algorithm", "sha1").toLowerCase(Locale.ROOT)
                        .replace("-", "");
                stat.put("checksum", algorithm.equals("sha1") ? file.sha1() : checksum(context, file.path(), algorithm));
            }
            if (file.type().equals("link")) {
                stat.put("lnk_source", file.target());
                stat.put("lnk_target", file.target());
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("stat", stat);
        return ModuleResult.ok(values);
    }

    /** The file's checksum with {@code checksum_algorithm} (Ansible's choices), by the image's {@code ALGOsum}. */
    private static String checksum(ModuleContext context, String path, String algorithm) {
        if (!List.of("md5", "sha224", "sha256", "sha384", "sha512").contains(algorithm)) {
            throw new ModuleException("value of checksum_algorithm must be one of: md5, sha1, sha224, sha256, sha384, "
                    + "sha512, got: " + algorithm);
        }
        var result = context.sh(algorithm + "sum " + Sh.quote(path));
        if (!result.succeeded()) {
            throw new ModuleException("stat: could not compute the " + algorithm + " checksum of " + path + " (needs "
                    + algorithm + "sum in the image): " + result.stderr().strip());
        }
        return result.stdout().strip().split("\\s+")[0];
    }
}
