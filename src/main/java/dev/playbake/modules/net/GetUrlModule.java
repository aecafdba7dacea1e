package dev.playbake.modules.net;

import dev.playbake.connection.FileEntry;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.egress.EgressPolicy;
import dev.playbake.modules.support.HttpFetch;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.PyPaths;
import dev.playbake.python.Sh;
import org.apache.commons.codec.digest.DigestUtils;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.dict;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/**
 * {@code get_url}: downloads a URL to a file in the container. The engine makes the request and
 * writes the bytes in, so images without curl or wget work; with {@code force: no} an existing
 * file whose checksum matches is not fetched again, and otherwise the request carries
 * {@code If-Modified-Since}, as Ansible's does.
 */
public final class GetUrlModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("url").required(), path("dest").required(), bool("backup"), str("checksum"), str("timeout"),
            dict("headers"), str("tmp_dest"), str("unredirected_headers"), str("decompress"), str("ciphers"),
            str("use_netrc"), bool("force"), str("http_agent"), str("use_proxy"), str("validate_certs"),
            str("url_username").aliases("username"), str("url_password").aliases("password"),
            str("force_basic_auth"), str("client_cert"), str("client_key"), str("use_gssapi"), str("mode"),
            str("owner"), str("group"), str("seuser"), str("serole"), str("setype"), str("selevel"),
            str("unsafe_writes"), str("attributes"));

    private static final Pattern DISPOSITION = Pattern.compile("filename=\"?([^\";]+)\"?");

    @Override
    public String name() {
        return "get_url";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    /** An expected digest: the algorithm ({@code sha256}) and lower-case hex value. */
    private record Checksum(String algorithm, String hex) {
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String url = args.required("url");
        String dest = args.required("dest");
        boolean force = args.bool("force", false);
        HttpFetch.Call call = HttpFetch.Call.of(args, url, context.checkMode() ? "HEAD" : "GET", new byte[0], 10);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("dest", dest);
        values.put("url", url);
        Optional<Checksum> checksum;
        try {
            checksum = checksum(args.string("checksum", ""), url, call, context.egress());
        } catch (ModuleException e) {
            return ModuleResult.failed(e.getMessage(), values);
        }

        RemoteFile existing = RemoteFile.read(context, dest, true);
        if (!existing.isDirectory() && existing.exists()) {
            boolean mismatch = false;
            if (!force && checksum.isPresent()) {
                mismatch = !checksum.get().hex().equals(digestInContainer(context, dest, checksum.get().algorithm()));
                if (!mismatch) {
                    boolean changed = RemoteFile.applyAttributes(context, args, dest);
                    values.put("msg", changed ? "file already exists but file attributes changed" : "file already exists");
                    return ModuleResult.changed(changed, values);
                }
            }
            if (!force && !mismatch) {
                call = call.withIfModifiedSince(modificationTime(context, dest));
            }
        }

        HttpFetch.Answer answer = HttpFetch.send("get_url", call, context.egress());
        if (answer.status() == 304) {
            values.put("msg", answer.msg());
            values.put("status_code", 304);
            return ModuleResult.ok(values);
        }
        if (answer.status() != 200) {
            values.put("status_code", answer.status());
            return ModuleResult.failed(answer.msg(), values);
        }
        if (existing.isDirectory()) {
            dest = dest.replaceAll("/+$", "") + "/" + filename(answer);
            values.put("dest", dest);
            existing = RemoteFile.read(context, dest, true);
        }
        byte[] content = answer.body();
        String sourceSha1 = DigestUtils.sha1Hex(content);
        values.put("checksum_src", sourceSha1);
        values.put("checksum_dest", existing.isFile() ? existing.sha1() : null);
        if (!existing.exists()) {
            String parent = PyPaths.parentFolder(dest);
            if (!RemoteFile.read(context, parent, false).isDirectory()) {
                return ModuleResult.failed("Destination " + parent + " does not exist", values);
            }
        }
        if (context.checkMode()) {
            return ModuleResult.changed(!existing.isFile() || !sourceSha1.equals(existing.sha1()), values);
        }
        if (checksum.isPresent()) {
            String actual = hex(checksum.get().algorithm(), content);
            if (!actual.equals(checksum.get().hex())) {
                context.sh("rm -f " + Sh.quote(dest));
                return ModuleResult.failed("The checksum for " + dest + " did not match " + checksum.get().hex()
                        + "; it was " + actual + ".", values);
            }
        }
        boolean changed = false;
        if (!sourceSha1.equals(existing.sha1())) {
            write(context, args, dest, content, existing);
            changed = true;
        }
        changed |= RemoteFile.applyAttributes(context, args, dest);
        values.put("md5sum", DigestUtils.md5Hex(content));
        values.put("msg", answer.msg());
        values.put("status_code", answer.status());
        values.putAll(RemoteFile.read(context, dest, false).describe());
        values.put("dest", dest);
        return ModuleResult.changed(changed, values);
    }

    /** Replaces the file keeping the mode and owner of the one it replaces; a new file is 0644, as atomic_move makes it. */
    private static void write(ModuleContext context, Args args, String dest, byte[] content, RemoteFile existing) {
        if (args.bool("backup", false) && existing.isFile()) {
            context.sh("cp -p " + Sh.quote(dest) + " " + Sh.quote(dest) + ".$(date +%Y-%m-%d@%H:%M:%S)~");
        }
        int mode = existing.isFile() ? Integer.parseInt(existing.mode(), 8) : 0644;
        context.connection().put(List.of(new FileEntry(dest, content, mode)));
        if (existing.isFile()) {
            context.sh("chown " + existing.uid() + ":" + existing.gid() + " " + Sh.quote(dest));
        }
    }

    /** The {@code checksum} argument: {@code algorithm:hex}, or {@code algorithm:URL} of a checksum file. */
    private static Optional<Checksum> checksum(String text, String url, HttpFetch.Call call, EgressPolicy egress) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new ModuleException("The checksum parameter has to be in format <algorithm>:<checksum>");
        }
        String algorithm = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1);
        if (value.matches("(?i)(https?|ftp|file)://.*")) {
            HttpFetch.Answer sums = HttpFetch.send("get_url", call.withUrl(value), egress);
            if (sums.status() != 200) {
                throw new ModuleException(sums.msg());
            }
            value = fromChecksumFile(sums.text(), urlBasename(url), value);
        }
        String hex = value.replaceAll("\\W+", "").toLowerCase(Locale.ROOT);
        if (hex.isEmpty() || !hex.matches("[0-9a-f]+")) {
            throw new ModuleException("The checksum format is invalid");
        }
        digest(algorithm);
        return Optional.of(new Checksum(algorithm, hex));
    }

    /** A checksum file's line for the file: {@code HEX  name} lines, or a single bare digest. */
    private static String fromChecksumFile(String text, String filename, String source) {
        List<String> lines = text.lines().toList();
        if (lines.size() == 1 && lines.get(0).strip().split("\\s+").length == 1) {
            return lines.get(0).strip();
        }
        for (String line : lines) {
            String[] parts = line.split(" ", 2);
            if (parts.length == 2) {
                String name = parts[1].startsWith(" ") || parts[1].startsWith("*") ? parts[1].substring(1) : parts[1];
                if (name.replaceAll("^[./]+", "").equals(filename)) {
                    return parts[0];
                }
            }
        }
        throw new ModuleException("Unable to find a checksum for file '" + filename + "' in '" + source + "'");
    }

    private static String digestInContainer(ModuleContext context, String path, String algorithm) {
        var result = context.sh(algorithm + "sum " + Sh.quote(path) + " | cut -d' ' -f1");
        if (!result.succeeded()) {
            throw new ModuleException("could not compute the " + algorithm + " of " + path + ": " + result.stderr().strip());
        }
        return result.stdout().strip();
    }

    private static Instant modificationTime(ModuleContext context, String path) {
        String seconds = context.sh("stat -c %Y " + Sh.quote(path)).stdout().strip();
        return seconds.matches("\\d+") ? Instant.ofEpochSecond(Long.parseLong(seconds)) : Instant.EPOCH;
    }

    static String hex(String algorithm, byte[] content) {
        return HexFormat.of().formatHex(digest(algorithm).digest(content));
    }

    private static MessageDigest digest(String algorithm) {
        String name = switch (algorithm) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha224" -> "SHA-224";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> throw new ModuleException("Could not hash file with algorithm '" + algorithm
                    + "'. Available algorithms: md5, sha1, sha224, sha256, sha384, sha512");
        };
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new ModuleException("this JVM has no " + name);
        }
    }

    /** The name a directory dest gets: the server's Content-Disposition filename, else the URL's last segment. */
    static String filename(HttpFetch.Answer answer) {
        Optional<String> named = answer.header("content-disposition").map(DISPOSITION::matcher)
                .filter(Matcher::find).map(m -> m.group(1));
        return named.map(PyPaths::lastName).orElseGet(() -> {
            String name = urlBasename(answer.url());
            return name.isEmpty() ? "index.html" : name;
        });
    }

    /** The last name in a URL's path, as get_url and unarchive name a download. */
    public static String urlBasename(String url) {
        String path = URI.create(url).getPath();
        return path == null ? "" : PyPaths.lastName(path);
    }
}
