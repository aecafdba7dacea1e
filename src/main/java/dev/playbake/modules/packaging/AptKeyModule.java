package dev.playbake.modules.packaging;

import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.ContainerDownload;
import dev.playbake.python.Sh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.playbake.modules.Argument.str;

/** {@code apt_key}: keys in apt's keyrings through apt-key and gpg in the image, as Ansible drives them. */
public final class AptKeyModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("id"), str("url"), str("data"), str("file"), str("keyring"), str("validate_certs"), str("keyserver"),
            str("state"));

    private static final String PATHS = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @Override
    public String name() {
        return "apt_key";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        Optional<String> id = args.string("id").filter(s -> !s.isEmpty());
        Optional<String> url = args.string("url").filter(s -> !s.isEmpty());
        Optional<String> data = args.string("data").filter(s -> !s.isEmpty());
        Optional<String> file = args.string("file").filter(s -> !s.isEmpty());
        Optional<String> keyring = args.string("keyring").filter(s -> !s.isEmpty());
        Optional<String> keyserver = args.string("keyserver").filter(s -> !s.isEmpty());
        String state = args.string("state", "present");
        long sources = java.util.stream.Stream.of(data, file, keyserver, url).filter(Optional::isPresent).count();
        if (sources > 1) {
            return ModuleResult.failed("parameters are mutually exclusive: data|file|keyserver|url");
        }
        for (String tool : List.of("apt-key", "gpg")) {
            if (!context.sh("command -v " + tool + " >/dev/null 2>&1").succeeded()) {
                return ModuleResult.failed("Failed to find required executable " + tool + " in paths: " + PATHS);
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("changed", false);
        String keyId = id.orElse(null);
        if (keyId == null) {
            if (keyserver.isPresent()) {
                return ModuleResult.failed("Missing key_id, required with keyserver.");
            }
            if (url.isPresent()) {
                ExecResult downloaded = ContainerDownload.fetch(context, url.get());
                if (!downloaded.succeeded()) {
                    return ModuleResult.failed("error getting key id from url: " + url.get());
                }
                data = Optional.of(downloaded.stdout());
            }
            if (file.isPresent() || data.isPresent()) {
                ExecResult listed = file.isPresent()
                        ? context.exec(ExecRequest.of("gpg", "--with-colons", file.get()).withEnv(Map.of("LC_ALL", "C")))
                        : context.exec(ExecRequest.of("gpg", "--with-colons", "-").withEnv(Map.of("LC_ALL", "C"))
                        .withStdin(data.get().getBytes(StandardCharsets.UTF_8)));
                if (!listed.succeeded()) {
                    return ModuleResult.failed("Unable to extract key from '" + (file.isPresent() ? file.get() : "inline data")
                            + "'", Map.of("stdout", listed.stdout(), "stderr", listed.stderr()));
                }
                List<String> keys = keyIds(listed.stdout(), false);
                keyId = keys.isEmpty() ? null : keys.get(0);
            }
        }
        values.put("id", keyId);
        String key = keyId == null ? "" : keyId.toUpperCase(Locale.ROOT);
        if (key.startsWith("0X")) {
            key = key.substring(2);
        }
        if (!key.matches("[0-9A-F]+") || (key.length() != 8 && key.length() != 16 && key.length() <= 16)) {
            values.put("failed", true);
            values.put("msg", "Invalid key_id");
            return new ModuleResult(values);
        }
        String shortId = key.substring(key.length() - 8);
        String fingerprint = key.length() > 16 ? key.substring(key.length() - 16) : key;
        values.put("short_id", shortId);
        values.put("fp", fingerprint);
        values.put("key_id", key);
        boolean shortFormat = key.length() == 8;
        String aptKey = "apt-key" + keyring.map(k -> " --keyring " + Sh.quote(k)).orElse("");
        ExecResult before = listKeys(context, aptKey);
        if (!before.succeeded()) {
            return ModuleResult.failed("Unable to list public keys", Map.of("rc", before.exitCode(), "stderr", before.stderr()));
        }
        List<String> keys = keyIds(before.stdout(), shortFormat);
        values.put("before", keys);
        String wanted = shortFormat ? shortId : fingerprint;
        if (state.equals("present")) {
            if (!keys.contains(wanted)) {
                values.put("changed", true);
                if (!context.checkMode()) {
                    ExecResult added;
                    if (file.isPresent()) {
                        added = context.sh(aptKey + " add " + Sh.quote(file.get()));
                    } else if (keyserver.isPresent()) {
                        added = context.sh(aptKey + " adv --no-tty --keyserver " + Sh.quote(keyserver.get()) + " --recv "
                                + Sh.quote(key));
                    } else if (data.isPresent()) {
                        added = context.exec(ExecRequest.of("sh", "-c", aptKey + " add -")
                                .withStdin(data.get().getBytes(StandardCharsets.UTF_8)));
                    } else {
                        return ModuleResult.failed("No key to add ... how did i get here?!?!", values);
                    }
                    if (!added.succeeded()) {
                        return ModuleResult.failed(keyserver.isPresent()
                                ? "Error fetching key " + key + " from keyserver: " + keyserver.get()
                                : file.isPresent() ? "Unable to add a key from file " + file.get()
                                : "Unable to add a key from binary data",
                                Map.of("rc", added.exitCode(), "stdout", added.stdout(), "stderr", added.stderr()));
                    }
                    List<String> after = keyIds(listKeys(context, aptKey).stdout(), shortFormat);
                    values.put("after", after);
                    if (!after.contains(wanted)) {
                        return ModuleResult.failed("apt-key did not return an error, but failed to add the key (check that"
                                + " the id is correct and *not* a subkey)", values);
                    }
                }
            }
        } else if (keys.contains(fingerprint)) {
            values.put("changed", true);
            if (!context.checkMode()) {
                ExecResult removed = context.sh(aptKey + " del " + shortId);
                if (!removed.succeeded()) {
                    return ModuleResult.failed("Unable to remove a key with id " + shortId,
                            Map.of("rc", removed.exitCode(), "stderr", removed.stderr()));
                }
                List<String> after = keyIds(listKeys(context, aptKey).stdout(), shortFormat);
                values.put("after", after);
                if (after.contains(fingerprint)) {
                    return ModuleResult.failed("apt-key did not return an error, but the key was not removed (check that"
                            + " the id is correct and *not* a subkey)", values);
                }
            }
        }
        return new ModuleResult(values);
    }

    private static ExecResult listKeys(ModuleContext context, String aptKey) {
        return context.sh("LC_ALL=C " + aptKey + " adv --list-public-keys --keyid-format=long");
    }

    /** Ansible's parse_output_for_keys: key ids of pub and sub lines that are not expired. */
    private static List<String> keyIds(String output, boolean shortFormat) {
        List<String> found = new ArrayList<>();
        for (String line : output.split("\n", -1)) {
            if (!(line.startsWith("pub") || line.startsWith("sub")) || line.contains("expired")) {
                continue;
            }
            String[] tokens = line.strip().split("\\s+");
            if (tokens.length > 1 && tokens[1].split("/", -1).length == 2) {
                found.add(tokens[1].split("/", -1)[1]);
                continue;
            }
            String[] fields = line.split(":", -1);
            if (fields.length > 4) {
                found.add(fields[4]);
            }
        }
        return shortFormat ? found.stream().map(k -> k.length() > 8 ? k.substring(k.length() - 8) : k).toList() : found;
    }
}
