package dev.playbake.modules.system;

import dev.playbake.connection.ExecResult;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.system.OpensshKeypairModule.KeyRequest;
import dev.playbake.python.Sh;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One openssh_keypair run over ssh-keygen, as community.crypto's KeypairBackendOpensshBin: the key
 * pair as it was, whether to make it anew, the public key restored when it does not match, and the
 * result the module reports.
 */
final class KeypairRun {

    /** The module refuses to go on; the message is the module's. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** What {@code ssh-keygen -l} says of a private key. */
    record PrivateKey(int size, String type, String fingerprint) {
    }

    /** A public key line: type, base64 data, comment (empty when there is none). */
    record PublicKey(String type, String data, String comment) {
        @Override
        public String toString() {
            return type + " " + data;
        }
    }

    private final ModuleContext context;
    private final KeyRequest request;
    private final String privatePath;
    private final String publicPath;
    private boolean changed;
    private Optional<PrivateKey> originalPrivate = Optional.empty();
    private Optional<PublicKey> originalPublic = Optional.empty();
    private Optional<PrivateKey> privateKey = Optional.empty();
    private Optional<PublicKey> publicKey = Optional.empty();

    KeypairRun(ModuleContext context, KeyRequest request) {
        this.context = context;
        this.request = request;
        this.privatePath = request.path();
        this.publicPath = request.path() + ".pub";
    }

    void changed() {
        changed = true;
    }

    boolean isChanged() {
        return changed;
    }

    /** state=present: the pair made, kept or its public half restored. */
    void ensure() throws Refused {
        loadOriginals();
        boolean privateExists = exists(privatePath);
        if (privateExists && List.of("never", "fail", "partial_idempotence").contains(request.regenerate())
                && (originalPrivate.isEmpty() || !privateReadable())) {
            throw new Refused("Unable to read the key. The key is protected with a passphrase or broken. Will not "
                    + "proceed. To force regeneration, call the module with `generate` set to `full_idempotence` or "
                    + "`always`, or with `force=true`.");
        }
        if (shouldGenerate()) {
            generate(privateExists);
        } else if (!publicKeyValid()) {
            restorePublicKey();
        }
        privateKey = loadPrivate();
        publicKey = loadPublic();
    }

    /** state=absent: both files removed when either exists. */
    void remove() throws Refused {
        loadOriginals();
        if (exists(privatePath) || exists(publicPath)) {
            changed = true;
            if (!context.checkMode()) {
                run("rm -f " + Sh.quote(privatePath) + " " + Sh.quote(publicPath), "removing the key pair");
            }
        }
    }

    /** The module's result fields. */
    Map<String, Object> result() {
        Optional<PrivateKey> key = privateKey.or(() -> originalPrivate);
        Optional<PublicKey> pub = publicKey.or(() -> originalPublic);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("size", request.size());
        values.put("type", request.type());
        values.put("filename", privatePath);
        values.put("fingerprint", key.map(PrivateKey::fingerprint).orElse(""));
        values.put("public_key", pub.map(PublicKey::toString).orElse(""));
        values.put("comment", pub.map(PublicKey::comment).orElse(""));
        return values;
    }

    private void loadOriginals() {
        originalPrivate = loadPrivate();
        originalPublic = loadPublic();
    }

    private boolean shouldGenerate() throws Refused {
        if (originalPrivate.isEmpty()) {
            return true;
        }
        return switch (request.regenerate()) {
            case "never" -> false;
            case "fail" -> {
                if (!privateKeyValid()) {
                    throw new Refused("Key has wrong type and/or size. Will not proceed. To force regeneration, call "
                            + "the module with `generate` set to `partial_idempotence`, `full_idempotence` or "
                            + "`always`, or with `force=true`.");
                }
                yield false;
            }
            case "partial_idempotence", "full_idempotence" -> !privateKeyValid();
            default -> true;
        };
    }

    private boolean privateKeyValid() {
        return originalPrivate.filter(k -> k.size() == request.size() && k.type().equals(request.type())).isPresent();
    }

    /** The .pub file holds the private key's public half (and the requested comment, when one is given). */
    private boolean publicKeyValid() throws Refused {
        if (originalPublic.isEmpty()) {
            return false;
        }
        PublicKey matching = matchingPublicKey();
        PublicKey original = originalPublic.get();
        return original.type().equals(matching.type()) && original.data().equals(matching.data())
                && request.comment().map(original.comment()::equals).orElse(true);
    }

    private void generate(boolean replacing) throws Refused {
        changed = true;
        if (context.checkMode()) {
            return;
        }
        // made in a temporary folder, then moved over the old files (keeping their mode and owner) or
        // copied with ssh-keygen's modes, as the module's _safe_secure_move does
        String script = "t=$(mktemp -d) || exit 1\n"
                + "place() { if [ -e \"$2\" ]; then cat \"$1\" > \"$2\"; else cp -p \"$1\" \"$2\"; fi; }\n"
                + "ssh-keygen -q -N '' -b " + request.size() + " -t " + Sh.quote(request.type()) + " -f \"$t/key\" -C "
                + Sh.quote(request.comment().orElse("")) + " </dev/null && place \"$t/key\" " + Sh.quote(privatePath)
                + " && place \"$t/key.pub\" " + Sh.quote(publicPath) + "\nrc=$?; rm -rf \"$t\"; exit $rc";
        run(script, replacing ? "regenerating the key pair" : "generating the key pair");
    }

    private void restorePublicKey() throws Refused {
        changed = true;
        if (context.checkMode()) {
            return;
        }
        // an existing .pub keeps its mode, a new one gets 0644, as the module writes it
        String pub = Sh.quote(publicPath);
        String script = "n=0; [ -e " + pub + " ] || n=1; printf '%s\\n' " + Sh.quote(matchingPublicKey().toString())
                + " > " + pub + " && { [ $n = 0 ] || chmod 0644 " + pub + "; }";
        run(script, "The public key is missing or does not match the private key. Unable to regenerate the public key.");
        if (request.comment().filter(c -> !c.isEmpty()).isPresent()) {
            run("ssh-keygen -q -o -c -C " + Sh.quote(request.comment().get()) + " -f " + Sh.quote(privatePath)
                    + " </dev/null", "updating the comment");
        }
    }

    private Optional<PrivateKey> loadPrivate() {
        if (!exists(privatePath)) {
            return Optional.empty();
        }
        String[] fields = context.sh("ssh-keygen -l -f " + Sh.quote(privatePath) + " </dev/null").stdout().strip()
                .split("\\s+");
        if (fields.length < 2 || !fields[0].matches("[0-9]+")) {
            return Optional.empty();
        }
        String last = fields[fields.length - 1];
        String type = last.length() >= 2 ? last.substring(1, last.length() - 1) : "";
        return Optional.of(new PrivateKey(Integer.parseInt(fields[0]), type.toLowerCase(Locale.ROOT), fields[1]));
    }

    private Optional<PublicKey> loadPublic() {
        if (!exists(publicPath)) {
            return Optional.empty();
        }
        String text = context.connection().fetch(publicPath).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
        String[] parts = strip(text, " \n").split(" ", 3);
        if (parts.length < 2) {
            return Optional.empty();
        }
        return Optional.of(new PublicKey(parts[0], parts[1], parts.length > 2 ? parts[2] : ""));
    }

    private boolean privateReadable() {
        ExecResult result = readPublicHalf();
        return !(result.exitCode() == 255 || List.of("is not a public key file", "incorrect passphrase", "load failed")
                .stream().anyMatch(result.stderr()::contains));
    }

    private PublicKey matchingPublicKey() throws Refused {
        String[] parts = strip(readPublicHalf().stdout(), "\n").split(" ", 3);
        if (parts.length < 2) {
            throw new Refused("unexpected error occurred: list index out of range");
        }
        return new PublicKey(parts[0], parts[1], parts.length > 2 ? parts[2] : "");
    }

    private ExecResult readPublicHalf() {
        return context.sh("ssh-keygen -P '' -y -f " + Sh.quote(privatePath) + " </dev/null");
    }

    private boolean exists(String path) {
        return context.sh("[ -e " + Sh.quote(path) + " ]").succeeded();
    }

    private void run(String script, String what) throws Refused {
        ExecResult result = context.sh(script);
        if (!result.succeeded()) {
            throw new Refused(what + ": " + (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip());
        }
    }

    /** Python's {@code str.strip(chars)}. */
    private static String strip(String text, String chars) {
        int start = 0;
        int end = text.length();
        while (start < end && chars.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && chars.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }
}
