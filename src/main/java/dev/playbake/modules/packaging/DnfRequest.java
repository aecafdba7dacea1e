package dev.playbake.modules.packaging;

import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.ModuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.list;
import static dev.playbake.modules.Argument.str;

/**
 * A {@code dnf}/{@code yum} task's arguments, checked: what playbake can run with dnf's command line.
 *
 * @param names       package specs: names, name-version(-release), name.arch, provided paths, {@code *} with latest
 * @param state       present, latest or absent ({@code installed} and {@code removed} folded in)
 * @param updateCache refresh the repositories' metadata first
 * @param autoremove  remove leaf dependencies nothing needs any more
 * @param updateOnly  with latest, upgrade installed packages only
 * @param options     dnf options every command of the task takes (repositories, gpg, weak deps, …)
 */
public record DnfRequest(List<String> names, String state, boolean updateCache, boolean autoremove,
                         boolean updateOnly, List<String> options) {

    /** Every argument of Ansible's dnf and yum modules, so a misspelt one is told apart from an unsupported one. */
    static final ArgumentSpec ANSIBLE_ARGUMENTS = ArgumentSpec.of(
            list("name").aliases("pkg"), str("state"), bool("update_cache").aliases("expire-cache"),
            bool("disable_gpg_check"), list("enablerepo"), list("disablerepo"), bool("install_weak_deps"),
            bool("autoremove"), bool("update_only"), str("releasever"), list("exclude"), bool("allowerasing"),
            bool("nobest"), bool("skip_broken"), bool("cacheonly"), str("conf_file"), str("lock_timeout"),
            str("install_repoquery"), str("use_backend"), str("list"), str("installroot"), str("security"),
            str("bugfix"), str("enable_plugin"), str("disable_plugin"), str("disable_excludes"),
            str("validate_certs"), str("allow_downgrade"), str("download_only"), str("download_dir"),
            str("sslverify"));

    /** The ones playbake runs; the rest of {@link #ANSIBLE_ARGUMENTS} fail with a clear message. */
    private static final List<String> SUPPORTED = List.of("name", "pkg", "state", "update_cache", "expire-cache",
            "disable_gpg_check", "enablerepo", "disablerepo", "install_weak_deps", "autoremove", "update_only",
            "releasever", "exclude", "allowerasing", "nobest", "skip_broken", "cacheonly", "conf_file", "lock_timeout",
            "install_repoquery", "use_backend");

    /** Parses and checks the arguments; anything playbake cannot do faithfully is a {@link ModuleException}. */
    public static DnfRequest parse(String module, Args args) {
        for (String argument : ANSIBLE_ARGUMENTS.names()) {
            if (args.has(argument) && !SUPPORTED.contains(argument)) {
                throw new ModuleException(module + ": the argument '" + argument + "' is not supported by playbake "
                        + "(it runs dnf's command line, without Python); supported: " + String.join(", ", SUPPORTED));
            }
        }
        // yum's use_backend picks the Python backend; on a dnf image every value but yum 3 means dnf
        String backend = args.string("use_backend", "auto");
        if (backend.equals("yum")) {
            throw new ModuleException(module + ": use_backend: yum (yum 3) is not supported by playbake; "
                    + "it runs dnf (use_backend: auto, dnf or yum4)");
        }
        List<String> names = args.has("name") ? args.list("name") : args.list("pkg");
        for (String name : names) {
            check(module, name);
        }
        String state = state(module, args.string("state").orElse(
                // Ansible infers absent when autoremove is asked for without a state
                args.bool("autoremove", false) ? "absent" : "present"));
        return new DnfRequest(names, state, args.bool("update_cache", args.bool("expire-cache", false)),
                args.bool("autoremove", false), args.bool("update_only", false), options(args, state));
    }

    private static String state(String module, String state) {
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "present", "installed" -> "present";
            case "absent", "removed" -> "absent";
            case "latest" -> "latest";
            default -> throw new ModuleException(module + ": value of state must be one of: absent, present, "
                    + "installed, removed, latest, got: " + state);
        };
    }

    /** Package specs dnf's command line and {@code rpm -q} both understand; the others are refused by name. */
    private static void check(String module, String name) {
        if (name.contains("://")) {
            throw new ModuleException(module + ": '" + name + "': installing from a URL is not supported by "
                    + "playbake; fetch the rpm with get_url, then give its path");
        }
        if (name.startsWith("@")) {
            throw new ModuleException(module + ": '" + name + "': groups and modules (@name) are not supported by "
                    + "playbake; name the packages, or run 'dnf -y group install' in a command task");
        }
        if (name.matches(".*[<>=].*")) {
            throw new ModuleException(module + ": '" + name + "': version comparisons are not supported by "
                    + "playbake; give an exact name-version, or the name alone");
        }
    }

    private static List<String> options(Args args, String state) {
        List<String> options = new ArrayList<>();
        // Ansible's order: repositories are disabled first, then enabled, so "disablerepo: '*'" plus one works
        args.list("disablerepo").forEach(repo -> options.add("--disablerepo=" + repo));
        args.list("enablerepo").forEach(repo -> options.add("--enablerepo=" + repo));
        if (args.bool("disable_gpg_check", false)) {
            options.add("--nogpgcheck");
        }
        // Ansible sets both from its own defaults, whatever dnf.conf says
        options.add("--setopt=install_weak_deps=" + (args.bool("install_weak_deps", true) ? "True" : "False"));
        options.add("--setopt=clean_requirements_on_remove=" + (args.bool("autoremove", false) ? "True" : "False"));
        args.string("releasever").ifPresent(release -> options.add("--releasever=" + release));
        args.list("exclude").forEach(exclude -> options.add("--exclude=" + exclude));
        args.string("conf_file").ifPresent(file -> options.add("--config=" + file));
        if (args.bool("allowerasing", false)) {
            options.add("--allowerasing");
        }
        if (state.equals("latest")) {
            // Ansible's latest always takes the best candidate: without it dnf install leaves an old version be
            options.add("--best");
        } else if (args.bool("nobest", false)) {
            options.add("--nobest");
        }
        if (args.bool("skip_broken", false)) {
            options.add("--skip-broken");
        }
        if (args.bool("cacheonly", false)) {
            options.add("--cacheonly");
        }
        return List.copyOf(options);
    }
}
