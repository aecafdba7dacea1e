package dev.playbake.modules.net;

import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.PyPaths;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.integer;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/**
 * {@code git}: clones or updates a checkout with the image's git, running the git commands Ansible's
 * module runs (clone with {@code --origin}, {@code --depth}, {@code --branch}; {@code fetch --tags};
 * checkout and {@code reset --hard} to the version), so the checkout and its {@code .git} end up alike;
 * {@code changed} when the commit before differs from the one after.
 */
public final class GitModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("repo").required().aliases("name"), path("dest").required(), str("version"), str("remote"),
            str("refspec"), str("reference"), bool("force"), integer("depth"), bool("clone"), bool("update"),
            bool("verify_commit"), str("gpg_whitelist"), str("accept_hostkey"), str("accept_newhostkey"),
            str("key_file"), str("ssh_opts"), str("executable"), bool("bare"), str("recursive"),
            bool("single_branch"), str("track_submodules"), str("umask"), str("archive"), str("archive_prefix"),
            str("separate_git_dir"));

    /**
     * The whole module as one shell script; arguments arrive in the environment. Lines starting with
     * {@code @} report to the engine; git's own output goes to stderr.
     */
    private static final String SCRIPT = """
            export LANG=C LC_ALL=C LC_MESSAGES=C LC_CTYPE=C
            command -v git >/dev/null 2>&1 || { echo "@nogit"; exit 3; }
            run() { "$@" >&2 || { echo "@failed $*"; exit 5; }; }
            is_branch() { git ls-remote "$1" -h "refs/heads/$V" 2>/dev/null | grep -qF -- "$V"; }
            is_tag() { git ls-remote "$1" -t "refs/tags/$V" 2>/dev/null | grep -qF -- "$V"; }
            # Ansible's get_head_branch: .git/HEAD on a branch, the remote's HEAD when detached; its head_splitter
            head_branch() {
              f="$D/.git/HEAD"; git branch --no-color | grep -q '^\\* (' && f="$D/.git/refs/remotes/$REMOTE/HEAD"
              head -n1 "$f" 2>/dev/null | sed "s#refs/remotes/$REMOTE##" | awk '{r=$NF; n=split(r, p, "/"); if (n <= 3) print p[n]; else { s=p[3]; for (i=4; i<=n; i++) s=s "/" p[i]; print s } }'
            }
            is_local_branch() { git branch --no-color -a | sed 's/^ *//' | grep -qx -e "$V" -e "\\* $V"; }
            remote_head() {
              if [ "$V" = HEAD ]; then git ls-remote "$1" -h HEAD | awk 'NR==1{print $1}';
              elif is_branch "$1"; then git ls-remote "$1" -h "refs/heads/$V" | awk 'NR==1{print $1}';
              elif is_tag "$1"; then out=$(git ls-remote "$1" -t "refs/tags/$V*"); l=$(echo "$out" | grep -F -- "$V^{}" | head -n1);
                [ -n "$l" ] || l=$(echo "$out" | grep -- "$V\\$" | tail -n1); echo "${l%%[[:space:]]*}";
              else echo "$V"; fi
            }
            if [ ! -e "$D/.git/config" ]; then
              if [ "$CLONE" != 1 ] || [ "$CHECK" = 1 ]; then echo "@after $(remote_head "$R")"; echo "@changed"; exit 0; fi
              parent=$(dirname "$D"); mkdir -p "$parent"; cd "$parent"
              bt=; if is_branch "$R" || is_tag "$R"; then bt=1; fi
              set -- git clone --origin "$REMOTE"
              if [ -n "$DEPTH" ]; then
                if [ "$V" = HEAD ]; then set -- "$@" --depth "$DEPTH";
                elif [ -n "$bt" ]; then set -- "$@" --depth "$DEPTH" --branch "$V";
                else echo "@warn Ignoring depth argument. Shallow clones are only available for HEAD, branches, tags or in combination with refspec."; fi
              fi
              if [ "$SINGLE" = 1 ]; then set -- "$@" --single-branch; [ -n "$bt" ] && set -- "$@" --branch "$V"; fi
              run "$@" "$R" "$D"
              cd "$D"
            elif [ "$UPDATE" != 1 ]; then
              cd "$D"; b=$(git rev-parse HEAD); echo "@before $b"; echo "@after $b"; exit 0
            else
              cd "$D"; echo "@updating"
              mods=$(git status --porcelain | grep -v '^??')
              echo "@before $(git rev-parse HEAD)"
              if [ -n "$mods" ]; then
                [ "$FORCE" = 1 ] || { echo "@localmods"; exit 4; }
                [ "$CHECK" = 1 ] || { run git reset --hard HEAD; echo "@reset"; }
              fi
              url=$(git ls-remote --get-url "$REMOTE" 2>/dev/null)
              if [ "$url" != "$R" ]; then
                [ "$CHECK" = 1 ] || run git remote set-url "$REMOTE" "$R"
                [ -n "$url" ] && echo "@urlchanged"
              fi
              if [ "$CHECK" = 1 ]; then echo "@after $(remote_head "$REMOTE")"; exit 0; fi
              set -- git fetch; refspecs=
              if [ -n "$DEPTH" ]; then
                current=$(head_branch)
                if [ "$V" = HEAD ]; then refspecs="$current"
                elif is_branch "$R"; then
                  [ "$current" != "$V" ] && refspecs="+refs/heads/$V:refs/heads/$V"
                  refspecs="$refspecs +refs/heads/$V:refs/remotes/$REMOTE/$V"
                elif is_tag "$R"; then refspecs="+refs/tags/$V:refs/tags/$V"; fi
                [ -n "$refspecs" ] && set -- "$@" --depth "$DEPTH"
              fi
              [ -z "$DEPTH" ] || [ -z "$refspecs" ] && set -- "$@" --tags
              [ "$FORCE" = 1 ] && set -- "$@" --force
              # word splitting of the refspecs is wanted: each is one argument
              run "$@" "$REMOTE" $refspecs
            fi
            if [ "$V" = HEAD ]; then
              branch=$(head_branch)
              run git checkout --force "$branch"
              run git reset --hard "$REMOTE/$branch" --
            elif is_branch "$REMOTE"; then
              if [ -n "$DEPTH" ] && ! is_local_branch; then
                run git fetch --depth="$DEPTH" "$REMOTE" "+refs/heads/$V:refs/heads/$V" "+refs/heads/$V:refs/remotes/$REMOTE/$V"
              fi
              if ! is_local_branch; then run git checkout --track -b "$V" "$REMOTE/$V"
              else run git checkout --force "$V"; run git reset --hard "$REMOTE/$V"; fi
            else
              run git checkout --force "$V"
            fi
            echo "@after $(git rev-parse HEAD)"
            """;

    @Override
    public String name() {
        return "git";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String repo = args.string("repo").orElseThrow();
        for (String unsupported : List.of("refspec", "reference", "archive", "separate_git_dir", "key_file", "ssh_opts")) {
            if (args.has(unsupported)) {
                throw new ModuleException("git: " + unsupported + " is not supported by playbake; run git in a command task");
            }
        }
        if (args.bool("bare", false) || args.bool("verify_commit", false)) {
            throw new ModuleException("git: bare and verify_commit are not supported by playbake; run git in a command task");
        }
        String dest = args.string("dest", "");
        if (dest.isEmpty()) {
            return ModuleResult.failed("the destination directory must be specified unless clone=no");
        }
        if (repo.startsWith("/")) {
            repo = "file://" + repo;
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("R", repo);
        env.put("D", dest);
        env.put("V", args.string("version", "HEAD"));
        env.put("REMOTE", args.string("remote", "origin"));
        env.put("DEPTH", args.integer("depth").map(String::valueOf).orElse(""));
        env.put("FORCE", args.bool("force", false) ? "1" : "0");
        env.put("CLONE", args.bool("clone", true) ? "1" : "0");
        env.put("UPDATE", args.bool("update", true) ? "1" : "0");
        env.put("SINGLE", args.bool("single_branch", false) ? "1" : "0");
        env.put("CHECK", context.checkMode() ? "1" : "0");
        ExecRequest request = ExecRequest.shell(SCRIPT).withEnv(env);
        if (args.has("executable")) {
            env.put("PATH", PyPaths.parentFolder(args.string("executable", "")) + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            request = request.withEnv(env);
        }
        ExecResult result = context.exec(request);
        return result(result, dest);
    }

    private static ModuleResult result(ExecResult result, String dest) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("before", null);
        Object after = null;
        boolean changed = false;
        boolean reset = false;
        boolean urlChanged = false;
        List<String> warnings = new ArrayList<>();
        for (String line : result.stdout().lines().toList()) {
            if (line.startsWith("@before ")) {
                values.put("before", line.substring(8));
            } else if (line.startsWith("@after ")) {
                after = line.substring(7);
            } else if (line.equals("@changed")) {
                changed = true;
            } else if (line.equals("@reset")) {
                reset = true;
            } else if (line.equals("@urlchanged")) {
                urlChanged = true;
            } else if (line.startsWith("@warn ")) {
                warnings.add(line.substring(6));
            } else if (line.equals("@nogit")) {
                return ModuleResult.failed("Failed to find required executable \"git\" in paths: the image has no git; "
                        + "install it first (apt: name=git)");
            } else if (line.equals("@localmods")) {
                return ModuleResult.failed("Local modifications exist in the destination: " + dest + " (force=no).", values);
            } else if (line.startsWith("@failed ")) {
                values.put("cmd", line.substring(8));
                values.put("stderr", result.stderr().strip());
                return ModuleResult.failed("Failed to run " + line.substring(8) + ": " + result.stderr().strip(), values);
            }
        }
        if (!result.succeeded()) {
            return ModuleResult.failed("git failed: " + result.stderr().strip(), values);
        }
        values.put("after", after);
        values.put("warnings", warnings);
        if (result.stdout().contains("@updating")) {
            values.put("remote_url_changed", urlChanged);
        }
        if (reset) {
            values.put("msg", "Local modifications exist in the destination: " + dest);
        }
        changed |= reset || urlChanged || !Objects.equals(values.get("before"), after);
        return ModuleResult.changed(changed, values);
    }
}
