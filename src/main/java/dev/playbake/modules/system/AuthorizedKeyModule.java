package dev.playbake.modules.system;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.ContainerDownload;
import dev.playbake.python.Sh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/**
 * {@code authorized_key} (ansible.posix): keys in a user's authorized_keys, parsed, merged and
 * written back in Ansible's order and line format.
 */
public final class AuthorizedKeyModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("user").required(), str("key").required(), path("path"), bool("manage_dir"),
            str("state").choices("absent", "present").defaultsTo("present"), str("key_options"), bool("exclusive"),
            str("comment"), bool("validate_certs"), bool("follow"));

    private static final Set<String> KEY_TYPES = Set.of("sk-ecdsa-sha2-nistp256@openssh.com",
            "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", "webauthn-sk-ecdsa-sha2-nistp256@openssh.com",
            "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521", "ecdsa-sha2-nistp521-cert-v01@openssh.com",
            "sk-ssh-ed25519@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com", "ssh-ed25519",
            "ssh-ed25519-cert-v01@openssh.com", "ssh-dss", "ssh-rsa", "ssh-xmss@openssh.com",
            "ssh-xmss-cert-v01@openssh.com", "rsa-sha2-256", "rsa-sha2-512", "ssh-rsa-cert-v01@openssh.com",
            "rsa-sha2-256-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com", "ssh-dss-cert-v01@openssh.com");

    private static final Pattern OPTION = Pattern.compile("((?:[^,\"']|\"[^\"]*\"|'[^']*')+)");

    /** One line of the file: a key (type non-empty) or a line kept as it is ({@code skipped}). */
    private record Key(String id, String type, List<Map.Entry<String, String>> options, String comment, int rank) {

        boolean skipped() {
            return type.equals("skipped");
        }

        Key withRank(int newRank) {
            return new Key(id, type, options, comment, newRank);
        }

        /** Ansible compares keys by id, type, options (as a multimap) and comment. */
        boolean sameAs(Key other) {
            return id.equals(other.id) && type.equals(other.type) && optionMap(options).equals(optionMap(other.options))
                    && Objects.equals(comment, other.comment);
        }

        String line() {
            if (skipped()) {
                return id;
            }
            StringBuilder line = new StringBuilder();
            if (!options.isEmpty()) {
                line.append(String.join(",", options.stream()
                        .map(o -> o.getValue() == null ? o.getKey() : o.getKey() + "=" + o.getValue()).toList())).append(' ');
            }
            return line.append(type).append(' ').append(id).append(' ').append(comment).append('\n').toString();
        }
    }

    @Override
    public String name() {
        return "authorized_key";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String user = args.required("user");
        String keyText = args.string("key").orElseThrow();
        String state = args.string("state").orElseThrow();
        Optional<String> path = args.string("path").filter(p -> !p.isEmpty());
        boolean manageDir = args.bool("manage_dir", true);
        Optional<String> keyOptions = args.string("key_options");
        boolean exclusive = args.bool("exclusive", false);
        Optional<String> comment = args.string("comment");
        boolean follow = args.bool("follow", false);
        if (keyText.startsWith("http")) {
            ExecResult fetched = ContainerDownload.fetch(context, keyText);
            if (!fetched.succeeded()) {
                return ModuleResult.failed("Error getting key from: " + keyText);
            }
            keyText = fetched.stdout();
        }
        String[] entry = context.sh("getent passwd " + Sh.quote(user)).stdout().strip().split(":", -1);
        if (entry.length < 7) {
            if (context.checkMode() && path.isPresent()) {
                entry = null;
            } else {
                return ModuleResult.failed(context.checkMode()
                        ? "Either user must exist or you must provide full path to key file in check mode"
                        : "Failed to lookup user " + user + ": \"getpwnam(): name not found: '" + user + "'\"");
            }
        }
        String keyfile = path.orElseGet(() -> "");
        String sshDir;
        if (path.isEmpty()) {
            sshDir = Objects.requireNonNull(entry)[5] + "/.ssh";
            keyfile = sshDir + "/authorized_keys";
        } else {
            sshDir = keyfile.contains("/") ? keyfile.substring(0, keyfile.lastIndexOf('/')) : "";
        }
        String existing = context.connection().fetch(keyfile).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
        Map<String, Key> keys = parseKeys(existing);
        List<String> wanted = new ArrayList<>();
        int existingCount = keys.size();
        boolean write = false;
        List<String> newKeys = keyText.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        for (int rank = 0; rank < newKeys.size(); rank++) {
            Optional<Key> parsedKey = parseKey(newKeys.get(rank), rank);
            if (parsedKey.isEmpty()) {
                return ModuleResult.failed("invalid key specified: " + newKeys.get(rank));
            }
            Key key = parsedKey.get();
            if (keyOptions.isPresent()) {
                key = new Key(key.id(), key.type(), parseOptions(keyOptions.get()), key.comment(), key.rank());
            }
            if (comment.isPresent()) {
                key = new Key(key.id(), key.type(), key.options(), comment.get(), key.rank());
            }
            boolean matched = false;
            boolean replace = false;
            Key old = keys.get(key.id());
            if (old != null) {
                if (!key.sameAs(old) && state.equals("present")) {
                    replace = true;
                } else {
                    matched = true;
                }
            }
            if (state.equals("present")) {
                wanted.add(key.id());
                if (replace) {
                    keys.remove(key.id());
                    write = true;
                }
                if (!matched) {
                    keys.put(key.id(), key.withRank(existingCount + key.rank()));
                    write = true;
                }
            } else if (matched) {
                keys.remove(key.id());
                write = true;
            }
        }
        if (state.equals("present") && exclusive) {
            write |= keys.keySet().retainAll(wanted);
        }
        if (write) {
            String target = follow && !context.checkMode()
                    ? context.sh("readlink -f " + Sh.quote(keyfile)).stdout().strip() : keyfile;
            String content = String.join("", keys.values().stream().sorted(Comparator.comparingInt(Key::rank))
                    .map(Key::line).toList());
            if (!context.checkMode()) {
                ExecResult prepared = context.sh(prepare(Objects.requireNonNull(entry), sshDir, target, manageDir));
                if (!prepared.succeeded()) {
                    return ModuleResult.failed(prepared.stderr().strip());
                }
                int mode = Integer.parseInt(prepared.stdout().strip().isEmpty() ? "600" : prepared.stdout().strip(), 8);
                context.connection().put(List.of(new FileEntry(target, content.getBytes(StandardCharsets.UTF_8), mode)));
                context.sh("chown " + entry[2] + ":" + entry[3] + " " + Sh.quote(target));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("user", user);
        values.put("key", args.string("key").orElseThrow());
        values.put("path", path.orElse(null));
        values.put("manage_dir", manageDir);
        values.put("state", state);
        values.put("key_options", keyOptions.orElse(null));
        values.put("exclusive", exclusive);
        values.put("comment", comment.orElse(null));
        values.put("validate_certs", args.bool("validate_certs", true));
        values.put("follow", follow);
        values.put("keyfile", keyfile);
        return ModuleResult.changed(write, values);
    }

    /** Ansible's keyfile(write=True): the .ssh dir 0700 and the file 0600, both the user's; prints the file's mode. */
    private static String prepare(String[] entry, String sshDir, String keyfile, boolean manageDir) {
        String owner = entry[2] + ":" + entry[3];
        String d = Sh.quote(sshDir);
        String f = Sh.quote(keyfile);
        return "set -e; " + (manageDir ? "[ -e " + d + " ] || mkdir -m 0700 " + d + "; chown " + owner + " " + d
                + "; chmod 0700 " + d + "; " : "")
                + "if [ ! -e " + f + " ]; then mkdir -p \"$(dirname " + f + ")\"; : > " + f + "; fi; "
                + "chown " + owner + " " + f + " 2>/dev/null && chmod 0600 " + f + " 2>/dev/null || true; stat -c %a " + f;
    }

    private static Map<String, Key> parseKeys(String content) {
        Map<String, Key> keys = new LinkedHashMap<>();
        int rank = 0;
        for (String line : linesKeepingEnds(content)) {
            int index = rank++;
            Key key = parseKey(line, index).orElse(new Key(line, "skipped", List.of(), null, index));
            keys.put(key.id(), key);
        }
        return keys;
    }

    private static List<String> linesKeepingEnds(String content) {
        List<String> lines = new ArrayList<>();
        Matcher m = Pattern.compile("[^\n\r]*(\r\n|\n|\r)|[^\n\r]+$").matcher(content);
        while (m.find()) {
            if (!m.group().isEmpty()) {
                lines.add(m.group());
            }
        }
        return lines;
    }

    private static Optional<Key> parseKey(String rawLine, int rank) {
        String raw = rawLine.replace("\\#", "#");
        List<String> parts = List.of(raw.strip().isEmpty() ? new String[0] : raw.strip().split("\\s+"));
        if (!parts.isEmpty() && parts.get(0).equals("#")) {
            return Optional.of(new Key(raw, "skipped", List.of(), null, rank));
        }
        int typeIndex = -1;
        for (int i = 0; i < parts.size(); i++) {
            if (KEY_TYPES.contains(parts.get(i))) {
                typeIndex = i;
                break;
            }
        }
        if (typeIndex < 0 || typeIndex + 1 >= parts.size()) {
            return Optional.empty();
        }
        List<Map.Entry<String, String>> options = typeIndex > 0
                ? parseOptions(String.join(" ", parts.subList(0, typeIndex))) : List.of();
        String comment = String.join(" ", parts.subList(typeIndex + 2, parts.size()));
        return Optional.of(new Key(parts.get(typeIndex + 1), parts.get(typeIndex), options, comment, rank));
    }

    /** Python's {@code re.split(OPTION, text)[1:-1]}: the options and any odd separators between them. */
    private static List<Map.Entry<String, String>> parseOptions(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = OPTION.matcher(text);
        int end = -1;
        while (m.find()) {
            if (end >= 0) {
                pieces.add(text.substring(end, m.start()));
            }
            pieces.add(m.group(1));
            end = m.end();
        }
        List<Map.Entry<String, String>> options = new ArrayList<>();
        for (String piece : pieces) {
            int eq = piece.indexOf('=');
            if (eq >= 0) {
                options.add(new java.util.AbstractMap.SimpleEntry<>(piece.substring(0, eq), piece.substring(eq + 1)));
            } else if (!piece.equals(",")) {
                options.add(new java.util.AbstractMap.SimpleEntry<>(piece, null));
            }
        }
        return options;
    }

    private static Map<String, List<String>> optionMap(List<Map.Entry<String, String>> options) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        options.forEach(o -> map.computeIfAbsent(o.getKey(), k -> new ArrayList<>()).add(o.getValue()));
        return map;
    }
}
