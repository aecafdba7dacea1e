package dev.playbake.modules.system;

import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.PyPaths;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.integer;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/**
 * {@code openssh_keypair} (community.crypto 2.14) with its {@code opensshbin} backend: the image's
 * ssh-keygen makes, reads and re-comments the key pair with the commands the module runs, and the
 * module's rules decide when a key is regenerated. The {@code cryptography} backend (Python) is not
 * available, so a passphrase, which needs it, is refused.
 */
public final class OpensshKeypairModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("state").defaultsTo("present").choices("present", "absent"), integer("size"),
            str("type").defaultsTo("rsa").choices("rsa", "dsa", "rsa1", "ecdsa", "ed25519"),
            bool("force").defaultsTo(false), path("path").required(), str("comment"),
            str("regenerate").defaultsTo("partial_idempotence")
                    .choices("never", "fail", "partial_idempotence", "full_idempotence", "always"),
            str("passphrase"), str("private_key_format").defaultsTo("auto").choices("auto", "pkcs1", "pkcs8", "ssh"),
            str("backend").defaultsTo("auto").choices("auto", "cryptography", "opensshbin"),
            str("mode"), str("owner"), str("group"), str("seuser"), str("serole"), str("setype"), str("selevel"),
            str("unsafe_writes"), str("attributes").aliases("attr"));

    @Override
    public String name() {
        return "openssh_keypair";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String backend = args.string("backend", "auto");
        boolean passphrase = args.string("passphrase").filter(p -> !p.isEmpty()).isPresent();
        if (backend.equals("cryptography") || backend.equals("auto") && passphrase) {
            // the message never holds the passphrase itself
            return ModuleResult.failed("openssh_keypair with " + (passphrase ? "a passphrase" : "backend=cryptography")
                    + " needs the cryptography backend (Python's cryptography library), which playbake does not have:"
                    + " generate the key without a passphrase (backend opensshbin, the image's ssh-keygen)");
        }
        if (!context.sh("command -v ssh-keygen").succeeded()) {
            return ModuleResult.failed("Cannot find the OpenSSH binary in the PATH: openssh_keypair runs the image's "
                    + "ssh-keygen; install it first (Debian: the openssh-client package)");
        }
        String type = args.string("type", "rsa");
        Optional<Integer> size = size(type, args.integer("size"));
        if (size.isEmpty()) {
            return ModuleResult.failed(sizeMessage(type));
        }
        String path = args.required("path");
        String directory = PyPaths.dirname(path).isEmpty() ? "." : PyPaths.dirname(path);
        Map<String, RemoteFile> files = RemoteFile.read(context, List.of(directory, path), false);
        if (!files.get(directory).isDirectory()) {
            return ModuleResult.failed("The directory " + directory + " does not exist or the file is not a directory",
                    Map.of("name", directory));
        }
        if (files.get(path).isDirectory()) {
            return ModuleResult.failed(path + " is a directory. Please specify a path to a file.");
        }
        if (!args.string("private_key_format", "auto").equals("auto")) {
            return ModuleResult.failed("'auto' is the only valid option for 'private_key_format' when 'backend' is not "
                    + "'cryptography'");
        }
        KeyRequest request = new KeyRequest(path, type, size.get(), args.string("comment"),
                args.bool("force", false) ? "always" : args.string("regenerate", "partial_idempotence"));
        KeypairRun run = new KeypairRun(context, request);
        try {
            if (args.string("state", "present").equals("absent")) {
                run.remove();
            } else {
                run.ensure();
                for (String file : List.of(path, path + ".pub")) {
                    if (context.checkMode() && !RemoteFile.read(context, file, false).exists()) {
                        run.changed();
                    } else if (RemoteFile.applyAttributes(context, args, file)) {
                        run.changed();
                    }
                }
            }
        } catch (KeypairRun.Refused e) {
            return ModuleResult.failed(e.getMessage());
        }
        return ModuleResult.changed(run.isChanged(), run.result());
    }

    /** The size the module uses for the type, or empty when the given size is invalid for it. */
    static Optional<Integer> size(String type, Optional<Integer> given) {
        return switch (type) {
            case "rsa", "rsa1" -> given.or(() -> Optional.of(4096)).filter(s -> s >= 1024);
            case "dsa" -> given.or(() -> Optional.of(1024)).filter(s -> s == 1024);
            case "ecdsa" -> given.or(() -> Optional.of(256)).filter(s -> s == 256 || s == 384 || s == 521);
            default -> Optional.of(256);
        };
    }

    private static String sizeMessage(String type) {
        return switch (type) {
            case "dsa" -> "DSA keys must be exactly 1024 bits as specified by FIPS 186-2.";
            case "ecdsa" -> "For ECDSA keys, size determines the key length by selecting from one of three elliptic "
                    + "curve sizes: 256, 384 or 521 bits. Attempting to use bit lengths other than these three values "
                    + "for ECDSA keys will cause this module to fail.";
            default -> "For RSA keys, the minimum size is 1024 bits and the default is 4096 bits. Attempting to use "
                    + "bit lengths under 1024 will cause the module to fail.";
        };
    }

    /** What the task asks for: the key's file, type, size, comment, and when to make it anew. */
    record KeyRequest(String path, String type, int size, Optional<String> comment, String regenerate) {
    }
}
