package dev.playbake.modules.files;

import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.ArtifactFolder;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.Sh;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.path;

/**
 * {@code fetch}: copies a file from the build container into the build's artifact folder on the
 * host, with the results and messages of Ansible's fetch action. The container is only read, so
 * the task needs no snapshot after it; the build keeps a copy of what it wrote for its cache.
 */
public final class FetchModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            path("src"), path("dest"), bool("flat"), bool("fail_on_missing"), bool("validate_checksum"));

    /** What a build without an artifact folder (the operator's) says about a fetch task. */
    public static final String NO_ARTIFACT_FOLDER = "fetch writes to the build's artifact folder, and this build has "
            + "none: the operator cannot hand files back; build with the CLI (playbake build --artifacts DIR), or keep "
            + "the file in the image and copy it out of the pushed image (docker cp)";

    private static final String MISSING = "the remote file does not exist, not transferring, ignored";
    private static final String DIRECTORY = "remote file is a directory, fetch cannot work on directories";

    @Override
    public String name() {
        return "fetch";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public boolean changesContainer() {
        return false;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        if (context.checkMode()) {
            return new ModuleResult(Map.of("skipped", true, "msg", "check mode not (yet) supported for this module"));
        }
        Args args = context.arguments();
        Optional<String> src = args.string("src");
        Optional<String> dest = args.string("dest");
        if (src.isEmpty() || dest.isEmpty()) {
            return ModuleResult.failed("src and dest are required");
        }
        ArtifactFolder folder = context.artifacts().orElseThrow(() -> new ModuleException(NO_ARTIFACT_FOLDER));
        boolean failOnMissing = args.bool("fail_on_missing", true);
        Probe probe = Probe.of(context, src.get());
        switch (probe.kind()) {
            case "directory" -> {
                return failOnMissing ? ModuleResult.failed(DIRECTORY) : ModuleResult.ok(Map.of("msg", DIRECTORY
                        + ", not transferring, ignored"));
            }
            case "absent" -> {
                return missing(src.get(), MISSING, failOnMissing);
            }
            case "unreadable" -> {
                return missing(src.get(), "file is not readable: " + src.get(), failOnMissing);
            }
            case "special" -> {
                return missing(src.get(), "file is not a regular file: " + src.get(), failOnMissing);
            }
            default -> {
                // fetch follows links: read the file the path resolves to
                Optional<byte[]> content = context.connection().fetch(probe.resolved());
                if (content.isEmpty()) {
                    return missing(src.get(), MISSING, failOnMissing);
                }
                return transfer(context, folder, src.get(), dest.get(), probe.sha1(), content.get());
            }
        }
    }

    private static ModuleResult transfer(ModuleContext context, ArtifactFolder folder, String src, String dest,
                                         String remoteChecksum, byte[] content) {
        Args args = context.arguments();
        boolean flat = args.bool("flat", false);
        String path = FetchDestination.of(src, dest, flat, context.hostname());
        if (flat && !dest.endsWith("/") && folder.isDirectory(path)) {
            return ModuleResult.failed("dest is an existing directory, use a trailing slash if you want to fetch src "
                    + "into that directory");
        }
        String checksum = hash("SHA-1", content);
        String md5 = hash("MD5", content);
        Map<String, Object> values = new LinkedHashMap<>();
        // checked before writing, so a damaged transfer never reaches the artifact folder
        if (args.bool("validate_checksum", true) && !checksum.equals(remoteChecksum)) {
            values.put("md5sum", md5);
            values.put("file", src);
            values.put("dest", path);
            values.put("remote_md5sum", null);
            values.put("checksum", checksum);
            values.put("remote_checksum", remoteChecksum);
            return ModuleResult.failed("checksum mismatch", values);
        }
        if (folder.write(path, content)) {
            values.put("md5sum", md5);
            values.put("dest", path);
            values.put("remote_md5sum", null);
            values.put("checksum", checksum);
            values.put("remote_checksum", remoteChecksum);
            return ModuleResult.changed(true, values);
        }
        values.put("md5sum", md5);
        values.put("file", src);
        values.put("dest", path);
        values.put("checksum", checksum);
        return ModuleResult.ok(values);
    }

    /** Ansible's answer for a file it cannot transfer: failed, or with fail_on_missing false ok and said why. */
    private static ModuleResult missing(String src, String message, boolean failOnMissing) {
        if (failOnMissing) {
            return ModuleResult.failed(message);
        }
        return ModuleResult.ok(Map.of("file", src, "msg", message));
    }

    private static String hash(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What the source is, read in one exec as the task's user (so become and permissions count as
     * in Ansible): its kind, and for a readable regular file its SHA-1 and the path links resolve to.
     */
    private record Probe(String kind, String sha1, String resolved) {

        static Probe of(ModuleContext context, String src) {
            String p = Sh.quote(src);
            var result = context.sh("p=" + p + "; if [ -d \"$p\" ]; then echo directory; "
                    + "elif [ ! -e \"$p\" ]; then echo absent; elif [ ! -f \"$p\" ]; then echo special; "
                    + "elif [ ! -r \"$p\" ]; then echo unreadable; "
                    + "else s=$(sha1sum < \"$p\") && printf 'file %s ' \"${s%% *}\" && readlink -f \"$p\"; fi");
            String out = result.stdout().strip();
            if (result.exitCode() != 0 || out.isEmpty()) {
                throw new ModuleException("could not read " + src + ": " + result.stderr().strip());
            }
            if (!out.startsWith("file ")) {
                return new Probe(out, "", "");
            }
            String[] parts = out.split(" ", 3);
            if (parts.length < 3) {
                throw new ModuleException("unexpected output reading " + src + ": " + out);
            }
            return new Probe("file", parts[1], parts[2]);
        }
    }
}
