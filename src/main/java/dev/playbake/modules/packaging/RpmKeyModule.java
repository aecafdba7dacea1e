package dev.playbake.modules.packaging;

import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.ContainerDownload;
import dev.playbake.python.Sh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.str;

/**
 * {@code rpm_key}: a GPG key in the rpm database, with the image's rpm and gpg as Ansible drives them: a key given
 * as a file, a URL (downloaded in the container) or a key id, found by the key id gpg reads from it.
 */
public final class RpmKeyModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("key").required(), str("state").choices("absent", "present").defaultsTo("present"),
            str("fingerprint"), bool("validate_certs").defaultsTo(true));

    private static final String PATHS = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** Ansible's test: text that starts like a key id (it matches at the start only, as re.match does). */
    private static final Pattern KEY_ID = Pattern.compile("(0x)?[0-9a-f]{8}", Pattern.CASE_INSENSITIVE);
    private static final Pattern PUBLIC_KEY = Pattern.compile(
            "-----BEGIN PGP PUBLIC KEY BLOCK-----.*?-----END PGP PUBLIC KEY BLOCK-----", Pattern.DOTALL);
    private static final List<String> GPG = List.of("--no-tty", "--batch", "--with-colons", "--fixed-list-mode");

    @Override
    public String name() {
        return "rpm_key";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String key = args.required("key");
        String state = args.string("state").orElseThrow();
        Optional<String> fingerprint = args.string("fingerprint").filter(f -> !f.isEmpty())
                .map(f -> f.replace(" ", "").toUpperCase(Locale.ROOT));
        if (!found(context, "rpm")) {
            return ModuleResult.failed("Failed to find required executable rpm in paths: " + PATHS);
        }
        String gpg = found(context, "gpg") ? "gpg" : "gpg2";
        if (!found(context, gpg)) {
            return ModuleResult.failed("Failed to find required executable gpg2 in paths: " + PATHS);
        }
        Optional<String> keyFile = Optional.empty();
        boolean downloaded = false;
        String keyId;
        try {
            if (key.contains("://")) {
                keyFile = Optional.of(download(context, key));
                downloaded = true;
                keyId = keyId(context, gpg, keyFile.get());
            } else if (KEY_ID.matcher(key).lookingAt()) {
                keyId = key;
            } else if (context.sh("[ -f " + Sh.quote(key) + " ]").succeeded()) {
                keyFile = Optional.of(key);
                keyId = keyId(context, gpg, key);
            } else {
                return ModuleResult.failed("Not a valid key " + key);
            }
            keyId = normalized(keyId);
            boolean imported = imported(context, gpg, keyId);
            if (state.equals("absent")) {
                if (imported && !context.checkMode()) {
                    run(context, List.of("rpm", "--erase", "--allmatches",
                            "gpg-pubkey-" + keyId.substring(Math.max(0, keyId.length() - 8)).toLowerCase(Locale.ROOT)));
                }
                return ModuleResult.changed(imported, Map.of());
            }
            if (imported) {
                return ModuleResult.changed(false, Map.of());
            }
            if (keyFile.isEmpty()) {
                return ModuleResult.failed("When importing a key, a valid file must be given");
            }
            if (fingerprint.isPresent()) {
                String has = field(run(context, gpgCommand(gpg, "--with-fingerprint", keyFile.get())), "fpr:", 9);
                if (!fingerprint.get().equals(has)) {
                    return ModuleResult.failed("The specified fingerprint, '" + fingerprint.get()
                            + "', does not match the key fingerprint '" + has + "'");
                }
            }
            if (!context.checkMode()) {
                run(context, List.of("rpm", "--import", keyFile.get()));
            }
            return ModuleResult.changed(true, Map.of());
        } finally {
            if (downloaded) {
                context.sh("rm -f " + Sh.quote(keyFile.get()));
            }
        }
    }

    private static boolean found(ModuleContext context, String program) {
        return context.sh("command -v " + program + " >/dev/null 2>&1").succeeded();
    }

    /** The key at a URL, fetched in the container into a temporary file there, as Ansible fetches it on the target. */
    private static String download(ModuleContext context, String url) {
        ExecResult fetched = ContainerDownload.fetch(context, url);
        if (!fetched.succeeded()) {
            throw new ModuleException("failed to fetch key at " + url + " , error was: " + fetched.stderr().strip());
        }
        if (!PUBLIC_KEY.matcher(fetched.stdout()).find()) {
            throw new ModuleException("Not a public key: " + url);
        }
        ExecResult file = context.exec(ExecRequest.shell("f=$(mktemp) && cat > \"$f\" && echo \"$f\"")
                .withStdin(fetched.stdout().getBytes(StandardCharsets.UTF_8)));
        if (!file.succeeded()) {
            throw new ModuleException(file.stderr().strip());
        }
        return file.stdout().strip();
    }

    private static String keyId(ModuleContext context, String gpg, String file) {
        return field(run(context, gpgCommand(gpg, file)), "pub:", 4);
    }

    /** Whether rpm holds a key whose id contains this one (the gpg-pubkey packages carry the armored key). */
    private static boolean imported(ModuleContext context, String gpg, String keyId) {
        if (!context.sh("rpm -q gpg-pubkey").succeeded()) {
            return false;
        }
        String listing = run(context, List.of("/bin/sh", "-c", "rpm -q gpg-pubkey --qf '%{description}' | "
                + gpg + " " + String.join(" ", GPG) + " -"));
        return listing.lines().map(line -> line.split(":", -1)).anyMatch(fields -> fields.length > 4
                && fields[4].contains(keyId));
    }

    private static String normalized(String keyId) {
        String id = keyId.strip().toUpperCase(Locale.ROOT);
        return id.startsWith("0X") ? id.substring(2) : id;
    }

    private static List<String> gpgCommand(String gpg, String... more) {
        List<String> command = new ArrayList<>(List.of(gpg));
        command.addAll(GPG);
        command.addAll(List.of(more));
        return command;
    }

    /** The output of a command that must succeed; its stderr is the task's message otherwise, as in Ansible. */
    private static String run(ModuleContext context, List<String> argv) {
        ExecResult result = context.exec(new ExecRequest(argv, new byte[0], Map.of("LC_ALL", "C"), "", ""));
        if (!result.succeeded()) {
            throw new ModuleException(result.stderr());
        }
        return result.stdout();
    }

    /** A field of the first gpg --with-colons line of a record type. */
    private static String field(String listing, String record, int index) {
        return listing.lines().map(String::strip).filter(line -> line.startsWith(record))
                .map(line -> line.split(":", -1)).filter(fields -> fields.length > index).map(fields -> fields[index])
                .findFirst().orElseThrow(() -> new ModuleException("Unexpected gpg output"));
    }
}
