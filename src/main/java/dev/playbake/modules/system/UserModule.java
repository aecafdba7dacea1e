package dev.playbake.modules.system;

import dev.playbake.connection.ExecResult;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.PyPaths;
import dev.playbake.python.Sh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.integer;
import static dev.playbake.modules.Argument.str;

/** {@code user}: accounts through useradd/usermod/userdel, compared against /etc/passwd and /etc/group. */
public final class UserModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("name").required().aliases("user"), integer("uid"), str("group"), str("groups"), bool("append"),
            str("shell"), str("home"), bool("create_home").aliases("createhome"), bool("system"), str("password"),
            str("update_password"), str("comment"), str("state"), bool("remove"), bool("force"), bool("move_home"),
            bool("non_unique"), str("skeleton"), bool("generate_ssh_key"), integer("ssh_key_bits"),
            str("ssh_key_type"), str("ssh_key_file"), str("ssh_key_comment"), str("ssh_key_passphrase"),
            str("password_lock"), str("expires"), str("local"), str("umask"), str("hidden"), str("login_class"),
            str("profile"), str("authorization"), str("role"), str("seuser"), str("password_expire_max"),
            str("password_expire_min"), str("password_expire_warn"));

    @Override
    public String name() {
        return "user";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    /** An account as /etc/passwd has it. */
    private record Account(String name, int uid, int gid, String comment, String home, String shell) {
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String name = args.string("name").orElseThrow();
        String state = args.string("state", "present");
        Optional<Account> account = account(context, name);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("state", state);
        if (state.equals("absent")) {
            if (account.isEmpty()) {
                return ModuleResult.ok(values);
            }
            if (!context.checkMode()) {
                require(context.sh("userdel " + (args.bool("remove", false) ? "-r " : "")
                        + (args.bool("force", false) ? "-f " : "") + Sh.quote(name)), "userdel");
            }
            values.put("force", args.bool("force", false));
            values.put("remove", args.bool("remove", false));
            return ModuleResult.changed(true, values);
        }
        if (!state.equals("present")) {
            throw new ModuleException("value of state must be one of: absent, present, got: " + state);
        }
        List<String> groups = args.list("groups");
        boolean changed;
        if (account.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("useradd"));
            args.integer("uid").ifPresent(uid -> cmd.addAll(List.of("-u", String.valueOf(uid))));
            if (args.bool("non_unique", false)) {
                cmd.add("-o");
            }
            Optional<String> group = args.string("group");
            if (group.isPresent()) {
                cmd.addAll(List.of("-g", group.get()));
            } else if (groupExists(context, name)) {
                cmd.addAll(List.of("-g", name));
            }
            if (!groups.isEmpty()) {
                cmd.addAll(List.of("-G", String.join(",", groups)));
            }
            args.string("comment").ifPresent(c -> cmd.addAll(List.of("-c", c)));
            args.string("home").ifPresent(h -> cmd.addAll(List.of("-d", h)));
            args.string("shell").ifPresent(s -> cmd.addAll(List.of("-s", s)));
            args.string("password").ifPresent(p -> cmd.addAll(List.of("-p", p)));
            args.string("skeleton").ifPresent(k -> cmd.addAll(List.of("-k", k)));
            if (args.bool("system", false)) {
                cmd.add("-r");
            }
            boolean createHome = args.bool("create_home", args.bool("createhome", true));
            cmd.add(createHome ? "-m" : "-M");
            cmd.add(name);
            if (!context.checkMode()) {
                require(context.sh("command -v useradd >/dev/null || { echo 'the user module needs useradd "
                        + "(the passwd package) in the image' >&2; exit 1; }; " + Sh.join(cmd)), "useradd");
            }
            changed = true;
        } else {
            Account a = account.get();
            List<String> cmd = new ArrayList<>(List.of("usermod"));
            args.integer("uid").filter(uid -> uid != a.uid()).ifPresent(uid -> cmd.addAll(List.of("-u", String.valueOf(uid))));
            args.string("group").ifPresent(g -> {
                Optional<Integer> gid = groupId(context, g);
                if (gid.isEmpty() || gid.get() != a.gid()) {
                    cmd.addAll(List.of("-g", g));
                }
            });
            if (args.has("groups")) {
                Set<String> current = new LinkedHashSet<>(memberOf(context, name));
                Set<String> desired = new LinkedHashSet<>(groups);
                boolean append = args.bool("append", false);
                boolean differs = append ? !current.containsAll(desired) : !current.equals(desired);
                if (differs) {
                    if (append) {
                        cmd.add("-a");
                    }
                    cmd.addAll(List.of("-G", String.join(",", groups)));
                }
            }
            args.string("comment").filter(c -> !c.equals(a.comment())).ifPresent(c -> cmd.addAll(List.of("-c", c)));
            args.string("home").filter(h -> !h.equals(a.home())).ifPresent(h -> {
                cmd.addAll(List.of("-d", h));
                if (args.bool("move_home", false)) {
                    cmd.add("-m");
                }
            });
            args.string("shell").filter(s -> !s.equals(a.shell())).ifPresent(s -> cmd.addAll(List.of("-s", s)));
            if (args.has("password") && args.string("update_password", "always").equals("always")) {
                String hash = args.string("password", "");
                var shadow = context.sh("grep '^" + name.replace("'", "") + ":' /etc/shadow | cut -d: -f2");
                if (!shadow.stdout().strip().equals(hash)) {
                    cmd.addAll(List.of("-p", hash));
                }
            }
            changed = cmd.size() > 1;
            if (changed && !context.checkMode()) {
                cmd.add(name);
                require(context.sh(Sh.join(cmd)), "usermod");
            }
        }
        if (!context.checkMode()) {
            account(context, name).ifPresent(a -> {
                values.put("uid", a.uid());
                values.put("group", a.gid());
                values.put("home", a.home());
                values.put("shell", a.shell());
                values.put("comment", a.comment());
            });
        }
        values.put("system", args.bool("system", false));
        if (args.bool("generate_ssh_key", false)) {
            changed |= generateKey(context, args, name, values);
        }
        return ModuleResult.changed(changed, values);
    }

    /**
     * As Ansible's user module: ssh-keygen unless the key (or its .pub) exists; a .ssh directory it had to make
     * is 0700 and the user's, and so are the two key files; the result has the key's file, fingerprint and
     * public key either way.
     */
    private static boolean generateKey(ModuleContext context, Args args, String name, Map<String, Object> values) {
        String type = args.string("ssh_key_type", "rsa");
        String file = args.string("ssh_key_file", ".ssh/id_" + type);
        String home = String.valueOf(values.getOrDefault("home", "/home/" + name));
        String path = file.startsWith("/") ? file : home + "/" + file;
        values.put("ssh_key_file", path);
        String key = Sh.quote(path);
        String pub = Sh.quote(path + ".pub");
        var exists = context.sh("[ -e " + key + " ] || [ -e " + pub + " ] && echo yes");
        boolean generate = !exists.stdout().contains("yes");
        if (generate && !context.checkMode()) {
            String dir = Sh.quote(PyPaths.parentFolder(path));
            String bits = args.integer("ssh_key_bits").filter(b -> b > 0).map(b -> "-b " + b + " ").orElse("");
            String comment = args.has("ssh_key_comment") ? Sh.quote(args.string("ssh_key_comment", ""))
                    : "\"ansible-generated on $(hostname)\"";
            require(context.sh("command -v ssh-keygen >/dev/null || { echo 'generate_ssh_key needs ssh-keygen "
                    + "(openssh-client) in the image' >&2; exit 1; }; "
                    + "if [ ! -e " + dir + " ]; then mkdir -m 700 " + dir + " && chown " + Sh.quote(name) + ": " + dir
                    + " || exit 1; fi; ssh-keygen -q -t " + Sh.quote(type) + " " + bits + "-C " + comment + " -f " + key
                    + " -N " + Sh.quote(args.string("ssh_key_passphrase", "")) + " && chown " + Sh.quote(name) + ": "
                    + key + " " + pub), "ssh-keygen");
        }
        if (!generate || !context.checkMode()) {
            var described = context.sh("ssh-keygen -l -f " + key + " 2>&1; echo; echo '--pub--'; cat " + pub
                    + " 2>/dev/null");
            String[] parts = described.stdout().split("\n--pub--\n", 2);
            values.put("ssh_fingerprint", parts[0].strip());
            values.put("ssh_public_key", parts.length > 1 && !parts[1].isBlank() ? parts[1].strip() : null);
        }
        return generate;
    }

    private static Optional<Account> account(ModuleContext context, String name) {
        ExecResult result = context.sh("grep '^" + name.replace("'", "") + ":' /etc/passwd");
        return result.stdout().lines().findFirst().map(line -> {
            String[] f = Arrays.copyOf(line.split(":", -1), 7);
            return new Account(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4], f[5], f[6]);
        });
    }

    private static boolean groupExists(ModuleContext context, String group) {
        return groupId(context, group).isPresent();
    }

    private static Optional<Integer> groupId(ModuleContext context, String group) {
        ExecResult result = context.sh("grep -E '^" + group.replace("'", "") + ":|^[^:]*:[^:]*:"
                + group.replace("'", "") + ":' /etc/group | head -1 | cut -d: -f3");
        String gid = result.stdout().strip();
        return gid.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(gid));
    }

    /**
     * The groups whose member list names the user, its primary group too when listed there: what Ansible 2.14
     * compares {@code groups} with, so {@code group: users, groups: [users]} is ok on the second run.
     */
    private static List<String> memberOf(ModuleContext context, String name) {
        ExecResult result = context.sh("awk -F: -v u=" + Sh.quote(name)
                + " '{ n = split($4, m, \",\"); for (i = 1; i <= n; i++) if (m[i] == u) print $1 }' /etc/group");
        return result.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static void require(ExecResult result, String what) {
        if (!result.succeeded()) {
            throw new ModuleException(what + " failed: " + result.stderr().strip());
        }
    }
}
