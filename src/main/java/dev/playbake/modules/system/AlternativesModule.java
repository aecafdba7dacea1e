package dev.playbake.modules.system;

import dev.playbake.connection.ExecResult;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.Sh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.playbake.modules.Argument.integer;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/** {@code alternatives} (community.general): one alternative through update-alternatives, read from its --display. */
public final class AlternativesModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("name").required(), path("path").required(), str("link"), integer("priority"), str("state"),
            str("subcommands").aliases("slaves"));

    private static final Pattern MODE = Pattern.compile("\\s-\\s(?:status\\sis\\s)?(\\w*)(?:\\smode|.)$", Pattern.MULTILINE);
    private static final Pattern CURRENT = Pattern.compile("^\\s*link currently points to (.*)$", Pattern.MULTILINE);
    private static final Pattern LINK = Pattern.compile("^\\s*link \\w+ is (.*)$", Pattern.MULTILINE);
    private static final Pattern FOLLOWER_LINK = Pattern.compile("^\\s*(?:slave|follower) (\\S+) is (.*)$", Pattern.MULTILINE);
    private static final Pattern ALTERNATIVE = Pattern.compile(
            "^(/.*)\\s-\\s(?:family\\s\\S+\\s)?priority\\s(\\d+)((?:\\s+(?:slave|follower).*)*)", Pattern.MULTILINE);
    private static final Pattern FOLLOWER = Pattern.compile("^\\s+(?:slave|follower) (.*): (.*)$", Pattern.MULTILINE);

    /** One follower link ({@code --slave LINK NAME PATH}). */
    private record Follower(String name, String path, String link) {
    }

    /** An installed alternative: its priority and followers. */
    private record Installed(int priority, List<Follower> followers) {
    }

    @Override
    public String name() {
        return "alternatives";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String name = args.required("name");
        String path = args.required("path");
        String state = args.string("state", "selected");
        if (!List.of("present", "selected", "absent", "auto").contains(state)) {
            return ModuleResult.failed("value of state must be one of: present, selected, absent, auto, got: " + state);
        }
        Optional<Integer> priority = args.integer("priority");
        Optional<List<Follower>> subcommands = followers(args.has("subcommands") ? args.raw("subcommands") : args.raw("slaves"));
        if (!context.sh("command -v update-alternatives >/dev/null 2>&1").succeeded()) {
            return ModuleResult.failed("Failed to find required executable update-alternatives in paths: "
                    + "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        }
        ExecResult display = context.sh("LC_ALL=C update-alternatives --display " + Sh.quote(name));
        String currentMode = null;
        String currentPath = null;
        String currentLink = null;
        Map<String, Installed> alternatives = new LinkedHashMap<>();
        String out = display.stdout();
        Matcher mode = MODE.matcher(out);
        if (display.succeeded() && mode.find()) {
            currentMode = mode.group(1);
            Matcher m = CURRENT.matcher(out);
            currentPath = m.find() ? m.group(1) : null;
            m = LINK.matcher(out);
            currentLink = m.find() ? m.group(1) : null;
            Map<String, String> followerLinks = new LinkedHashMap<>();
            m = FOLLOWER_LINK.matcher(out);
            while (m.find()) {
                followerLinks.put(m.group(1), m.group(2));
            }
            if (followerLinks.isEmpty() && subcommands.isPresent()) {
                subcommands.get().forEach(f -> followerLinks.put(f.name(), f.link()));
            }
            m = ALTERNATIVE.matcher(out);
            while (m.find()) {
                List<Follower> followers = new ArrayList<>();
                Matcher f = FOLLOWER.matcher(m.group(3));
                while (f.find()) {
                    if (!f.group(2).equals("(null)")) {
                        followers.add(new Follower(f.group(1), f.group(2), followerLinks.get(f.group(1))));
                    }
                }
                alternatives.put(m.group(1), new Installed(Integer.parseInt(m.group(2)), followers));
            }
        }
        List<String> messages = new ArrayList<>();
        boolean changed = false;
        Installed current = alternatives.get(path);
        if (!state.equals("absent")) {
            boolean install = current == null
                    || priority.isPresent() && current.priority() != priority.get()
                    || subcommands.isPresent() && !sameFollowers(subcommands.get(), current.followers());
            if (install) {
                if (!context.sh("[ -e " + Sh.quote(path) + " ]").succeeded()) {
                    return ModuleResult.failed("Specified path " + path + " does not exist");
                }
                String link = args.string("link").filter(l -> !l.isEmpty()).orElse(currentLink);
                if (link == null) {
                    return ModuleResult.failed("Needed to install the alternative, but unable to do so as we are missing the link");
                }
                List<String> cmd = new ArrayList<>(List.of("update-alternatives", "--install", link, name, path,
                        String.valueOf(priority.orElse(current == null ? 50 : current.priority()))));
                if (subcommands.isPresent()) {
                    for (Follower f : subcommands.get()) {
                        cmd.addAll(List.of("--slave", f.link(), f.name(), f.path()));
                    }
                }
                changed = true;
                messages.add("Install alternative '" + path + "' for '" + name + "'.");
                if (!context.checkMode()) {
                    ExecResult result = context.sh(Sh.join(cmd));
                    if (!result.succeeded()) {
                        return failed(result);
                    }
                }
            }
            if (state.equals("selected") && !path.equals(currentPath)) {
                changed = true;
                messages.add("Set alternative '" + path + "' for '" + name + "'.");
                if (!context.checkMode()) {
                    ExecResult result = context.sh(Sh.join(List.of("update-alternatives", "--set", name, path)));
                    if (!result.succeeded()) {
                        return failed(result);
                    }
                }
            }
            if (state.equals("auto") && "manual".equals(currentMode)) {
                changed = true;
                messages.add("Set alternative to auto for '" + name + "'.");
                if (!context.checkMode()) {
                    ExecResult result = context.sh(Sh.join(List.of("update-alternatives", "--auto", name)));
                    if (!result.succeeded()) {
                        return failed(result);
                    }
                }
            }
        } else if (current != null) {
            changed = true;
            messages.add("Remove alternative '" + path + "' from '" + name + "'.");
            if (!context.checkMode()) {
                ExecResult result = context.sh(Sh.join(List.of("update-alternatives", "--remove", name, path)));
                if (!result.succeeded()) {
                    return failed(result);
                }
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("diff", Map.of("before", Map.of(), "after", Map.of()));
        values.put("msg", String.join(" ", messages));
        return ModuleResult.changed(changed, values);
    }

    private static ModuleResult failed(ExecResult result) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("rc", result.exitCode());
        values.put("stdout", result.stdout());
        values.put("stderr", result.stderr());
        return ModuleResult.failed(result.stderr().strip(), values);
    }

    /** Ansible compares the lists both ways by membership. */
    private static boolean sameFollowers(List<Follower> wanted, List<Follower> installed) {
        return installed.stream().allMatch(wanted::contains) && wanted.stream().allMatch(installed::contains);
    }

    private static Optional<List<Follower>> followers(Object raw) {
        if (raw == null) {
            return Optional.empty();
        }
        if (!(raw instanceof List<?> list)) {
            throw new ModuleException("subcommands must be a list of dicts with name, path and link");
        }
        List<Follower> followers = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map) || map.get("name") == null || map.get("path") == null
                    || map.get("link") == null) {
                throw new ModuleException("subcommands must be a list of dicts with name, path and link");
            }
            followers.add(new Follower(String.valueOf(map.get("name")), String.valueOf(map.get("path")),
                    String.valueOf(map.get("link"))));
        }
        return Optional.of(followers);
    }
}
