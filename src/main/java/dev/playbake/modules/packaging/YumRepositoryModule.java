package dev.playbake.modules.packaging;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;
import dev.playbake.modules.Args;
import dev.playbake.modules.Argument;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.Sh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.list;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/**
 * {@code yum_repository}: one repository as a section of an INI file in /etc/yum.repos.d, read and written as
 * Ansible's module does with Python's RawConfigParser (options in sorted order, booleans as 1/0, lists joined), and
 * changed only when the file's sorted content differs.
 */
public final class YumRepositoryModule implements Module {

    /** The options that reach the file; others (state, file, reposdir, mode, ...) only steer the module. */
    private static final Set<String> FILE_OPTIONS = Set.of("async", "bandwidth", "baseurl", "cost",
            "deltarpm_metadata_percentage", "deltarpm_percentage", "enabled", "enablegroups", "exclude",
            "failovermethod", "gpgcakey", "gpgcheck", "gpgkey", "module_hotfixes", "http_caching", "include",
            "includepkgs", "ip_resolve", "keepalive", "keepcache", "metadata_expire", "metadata_expire_filter",
            "metalink", "mirrorlist", "mirrorlist_expire", "name", "password", "priority", "protect", "proxy",
            "proxy_password", "proxy_username", "repo_gpgcheck", "retries", "s3_enabled", "skip_if_unavailable",
            "sslcacert", "ssl_check_cert_permissions", "sslclientcert", "sslclientkey", "sslverify", "throttle",
            "timeout", "ui_repoid_vars", "username");
    private static final Set<String> BOOLEANS = Set.of("async", "enabled", "enablegroups", "gpgcheck",
            "module_hotfixes", "keepalive", "protect", "repo_gpgcheck", "s3_enabled", "skip_if_unavailable",
            "ssl_check_cert_permissions", "sslverify");
    /** Lists written one item per line (continuation lines in the file). */
    private static final Set<String> LINE_LISTS = Set.of("baseurl", "gpgkey");
    /** Lists written on one line, space-separated. */
    private static final Set<String> WORD_LISTS = Set.of("exclude", "includepkgs");

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(arguments());

    private static Argument[] arguments() {
        List<Argument> all = new ArrayList<>();
        for (String option : new TreeSet<>(FILE_OPTIONS)) {
            if (option.equals("name")) {
                continue;
            }
            if (BOOLEANS.contains(option)) {
                all.add(option.equals("sslverify") ? bool(option).aliases("validate_certs") : bool(option));
            } else if (LINE_LISTS.contains(option) || WORD_LISTS.contains(option)) {
                all.add(list(option));
            } else if (option.equals("sslcacert")) {
                all.add(str(option).aliases("ca_cert"));
            } else if (option.equals("sslclientcert")) {
                all.add(str(option).aliases("client_cert"));
            } else if (option.equals("sslclientkey")) {
                all.add(str(option).aliases("client_key"));
            } else if (option.equals("failovermethod")) {
                all.add(str(option).choices("roundrobin", "priority"));
            } else if (option.equals("http_caching")) {
                all.add(str(option).choices("all", "packages", "none"));
            } else if (option.equals("ip_resolve")) {
                all.add(str(option).choices("4", "6", "IPv4", "IPv6", "whatever"));
            } else if (option.equals("keepcache")) {
                all.add(str(option).choices("0", "1"));
            } else if (option.equals("metadata_expire_filter")) {
                all.add(str(option).choices("never", "read-only:past", "read-only:present", "read-only:future"));
            } else {
                all.add(str(option));
            }
        }
        all.addAll(List.of(str("name").required(), str("description"), str("file"), path("reposdir")
                .defaultsTo("/etc/yum.repos.d"), str("state").choices("present", "absent").defaultsTo("present"),
                str("params"), str("mode"), str("owner"), str("group"), str("attributes"), str("seuser"),
                str("serole"), str("setype"), str("selevel"), str("unsafe_writes")));
        return all.toArray(Argument[]::new);
    }

    @Override
    public String name() {
        return "yum_repository";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        if (args.has("params")) {
            return ModuleResult.failed("The params option to yum_repository was removed in Ansible 2.5 since it"
                    + " circumvents Ansible's option handling");
        }
        String repo = args.required("name");
        String state = args.string("state").orElseThrow();
        if (state.equals("present")) {
            if (!args.has("baseurl") && !args.has("metalink") && !args.has("mirrorlist")) {
                return ModuleResult.failed("Parameter 'baseurl', 'metalink' or 'mirrorlist' is required.");
            }
            if (!args.has("description")) {
                return ModuleResult.failed("Parameter 'description' is required.");
            }
        }
        String reposdir = args.string("reposdir").orElseThrow();
        String dest = reposdir.replaceAll("/+$", "") + "/" + args.string("file").orElse(repo) + ".repo";
        ExecResult read = context.sh("[ -d " + Sh.quote(reposdir) + " ] || exit 3; [ -f " + Sh.quote(dest)
                + " ] || exit 0; echo file; cat " + Sh.quote(dest));
        if (read.exitCode() == 3) {
            return ModuleResult.failed("Repo directory '" + reposdir + "' does not exist.");
        }
        boolean exists = read.stdout().startsWith("file\n");
        RepoFile file = RepoFile.parse(exists ? read.stdout().substring("file\n".length()) : "");
        String before = file.dump();
        file.remove(repo);
        if (state.equals("present")) {
            file.add(repo, options(args));
        }
        String after = file.dump();
        boolean changed = !before.equals(after);
        if (changed && !context.checkMode()) {
            if (file.isEmpty()) {
                context.sh("rm -f " + Sh.quote(dest));
            } else {
                int mode = exists ? Integer.parseInt(context.sh("stat -c %a " + Sh.quote(dest)).stdout().strip(), 8)
                        : 0644;
                context.connection().put(List.of(new FileEntry(dest, file.render().getBytes(StandardCharsets.UTF_8),
                        mode)));
            }
        }
        if (exists || changed && !file.isEmpty()) {
            changed |= RemoteFile.applyAttributes(context, args, dest);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("repo", repo);
        values.put("state", state);
        values.put("diff", Map.of("before_header", dest, "before", before, "after_header", dest, "after", after));
        return ModuleResult.changed(changed, values);
    }

    /** The section's options as Ansible sets them: sorted, the description as {@code name}, values as text. */
    private static Map<String, String> options(Args args) {
        Map<String, String> options = new TreeMap<>();
        for (String option : FILE_OPTIONS) {
            String argument = option.equals("name") ? "description" : option;
            if (!args.has(argument)) {
                continue;
            }
            String value;
            if (BOOLEANS.contains(option)) {
                value = args.bool(argument, false) ? "1" : "0";
            } else if (LINE_LISTS.contains(option)) {
                value = String.join("\n", args.list(argument));
            } else if (WORD_LISTS.contains(option)) {
                value = String.join(" ", args.list(argument));
            } else {
                value = args.string(argument).orElse("");
            }
            options.put(option, value);
        }
        return options;
    }

    /** A repo file as RawConfigParser holds it: sections in file order, options in the order they were set. */
    static final class RepoFile {
        private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

        static RepoFile parse(String text) {
            RepoFile file = new RepoFile();
            Map<String, String> section = null;
            String option = null;
            int blanks = 0;
            for (String line : text.split("\n", -1)) {
                String stripped = line.strip();
                if (stripped.isEmpty()) {
                    blanks++;
                    continue;
                }
                if (stripped.startsWith("#") || stripped.startsWith(";")) {
                    continue;
                }
                boolean continuation = Character.isWhitespace(line.charAt(0));
                if (continuation && section != null && option != null) {
                    // a blank line inside a value is kept when an indented line follows it
                    section.put(option, section.get(option) + "\n".repeat(blanks + 1) + stripped);
                    blanks = 0;
                    continue;
                }
                blanks = 0;
                if (stripped.startsWith("[") && stripped.endsWith("]")) {
                    section = file.sections.computeIfAbsent(stripped.substring(1, stripped.length() - 1),
                            k -> new LinkedHashMap<>());
                    option = null;
                    continue;
                }
                Optional<Integer> delimiter = delimiter(stripped);
                if (section == null || delimiter.isEmpty()) {
                    continue;
                }
                option = stripped.substring(0, delimiter.get()).strip().toLowerCase(Locale.ROOT);
                section.put(option, stripped.substring(delimiter.get() + 1).strip());
            }
            return file;
        }

        private static Optional<Integer> delimiter(String line) {
            int equals = line.indexOf('=');
            int colon = line.indexOf(':');
            int first = equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
            return first <= 0 ? Optional.empty() : Optional.of(first);
        }

        void remove(String section) {
            sections.remove(section);
        }

        void add(String section, Map<String, String> options) {
            sections.put(section, new LinkedHashMap<>(options));
        }

        boolean isEmpty() {
            return sections.isEmpty();
        }

        /** The module's comparison form: sections and options sorted, {@code key = value}. */
        String dump() {
            StringBuilder text = new StringBuilder();
            new TreeMap<>(sections).forEach((name, options) -> {
                text.append('[').append(name).append("]\n");
                new TreeMap<>(options).forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
                text.append('\n');
            });
            return text.toString();
        }

        /** The file as RawConfigParser writes it: a value's later lines indented by a tab, a blank line per section. */
        String render() {
            StringBuilder text = new StringBuilder();
            sections.forEach((name, options) -> {
                text.append('[').append(name).append("]\n");
                options.forEach((key, value) -> text.append(key).append(" = ").append(value.replace("\n", "\n\t"))
                        .append('\n'));
                text.append('\n');
            });
            return text.toString();
        }
    }
}
