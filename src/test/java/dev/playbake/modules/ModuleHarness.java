package dev.playbake.modules;

import dev.playbake.modules.egress.EgressPolicy;
import dev.playbake.connection.ExecResult;
import dev.playbake.connection.RecordingConnection;
import org.apache.commons.codec.digest.DigestUtils;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a module as the engine does (through the registry, so its arguments are validated) over a
 * {@link RecordingConnection}, whose in-memory files also answer the modules' attribute probe.
 */
public final class ModuleHarness {

    public static final ModuleRegistry MODULES = ModuleRegistry.standard();

    private static final Pattern PROBED = Pattern.compile("p=(?:'([^']*)'|([^ ;]+)); if \\[ -L");

    private ModuleHarness() {
    }

    /**
     * A connection whose stat probe answers from its own files (regular files, mode 644, root's) and
     * these directories, besides {@code /}, {@code /etc} and {@code /tmp}.
     */
    public static RecordingConnection connection(String... directories) {
        Set<String> dirs = new HashSet<>(List.of("/", "/etc", "/tmp"));
        dirs.addAll(List.of(directories));
        RecordingConnection connection = new RecordingConnection();
        connection.reply("; if \\[ -L \"\\$p\" \\]", request -> {
            StringBuilder out = new StringBuilder();
            Matcher m = PROBED.matcher(request.argv().get(2));
            while (m.find()) {
                String path = m.group(1) != null ? m.group(1) : m.group(2);
                Optional<String> content = connection.content(path);
                out.append(dirs.contains(path) ? "directory|755|root|root|0|0|4096||"
                        : content.map(c -> "file|644|root|root|0|0|" + c.length() + "|" + DigestUtils.sha1Hex(c) + "|")
                        .orElse("absent")).append('\n');
            }
            return new ExecResult(0, out.toString(), "");
        });
        return connection;
    }

    public static ModuleResult run(String module, RecordingConnection connection, Map<String, Object> args) {
        return run(module, connection, args, false);
    }

    public static ModuleResult run(String module, RecordingConnection connection, Map<String, Object> args,
                                   boolean checkMode) {
        ModuleContext context = new ModuleContext(args, connection, "", Map.of(), checkMode, NO_FILES, Map.of(),
                ServiceStatePolicy.RECORD, "build", Optional.empty(),
                EgressPolicy.open());
        return MODULES.find(module).orElseThrow().run(context);
    }

    /** The playbook has no files of its own. */
    public static final LocalFiles NO_FILES = new LocalFiles() {
        @Override
        public Optional<Found> find(String kind, String name) {
            return Optional.empty();
        }

        @Override
        public List<Found> tree(String kind, String directory) {
            return List.of();
        }
    };
}
