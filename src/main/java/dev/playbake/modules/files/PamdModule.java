package dev.playbake.modules.files;

import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.Sh;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.list;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/**
 * {@code pamd} (community.general 6.6): one rule of a PAM service file updated, inserted, removed or
 * given or relieved of arguments, the file rewritten as the module writes it ({@link PamdService}).
 */
public final class PamdModule implements Module {

    private static final String[] TYPES = PamdService.VALID_TYPES.toArray(String[]::new);

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("name").required(), str("type").required().choices(TYPES), str("control").required(),
            str("module_path").required(), str("new_type").choices(TYPES), str("new_control"),
            str("new_module_path"), list("module_arguments"),
            str("state").defaultsTo("updated")
                    .choices("absent", "after", "args_absent", "args_present", "before", "updated"),
            path("path").defaultsTo("/etc/pam.d"), bool("backup").defaultsTo(false));

    @Override
    public String name() {
        return "pamd";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String state = args.string("state", "updated");
        Optional<String> missing = missingForState(args, state);
        if (missing.isPresent()) {
            return ModuleResult.failed(missing.get());
        }
        String name = args.string("name", "");
        String file = name.startsWith("/") ? name : joined(args.string("path", "/etc/pam.d"), name);
        RemoteFile existing = RemoteFile.read(context, file, false);
        Optional<byte[]> bytes = existing.exists() && !existing.isDirectory() ? context.connection().fetch(file)
                : Optional.empty();
        if (bytes.isEmpty()) {
            return ModuleResult.failed("Unable to open/read PAM module file " + file + " with error [Errno "
                    + (existing.isDirectory() ? "21] Is a directory" : "2] No such file or directory") + ": '"
                    + file + "'.");
        }
        String content = new String(bytes.get(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
        PamdService service;
        try {
            service = PamdService.parse(content);
        } catch (PamdService.Unparsable e) {
            return ModuleResult.failed(e.getMessage());
        }
        String type = args.string("type", "");
        String control = args.string("control", "");
        String modulePath = args.string("module_path", "");
        Optional<List<String>> moduleArguments = args.has("module_arguments")
                ? Optional.of(args.list("module_arguments")) : Optional.empty();
        List<String> arguments = moduleArguments.orElse(List.of());
        if (state.equals("args_present") && PamdService.hasBracketed(arguments)) {
            return ModuleResult.failed("Unable to process bracketed '[' complex arguments with 'args_present'. "
                    + "Please use 'updated'.");
        }
        int changes = switch (state) {
            case "updated" -> service.update(type, control, modulePath, args.string("new_type"),
                    args.string("new_control"), args.string("new_module_path"), moduleArguments);
            case "before" -> service.insertBefore(type, control, modulePath, args.string("new_type", ""),
                    args.string("new_control", ""), args.string("new_module_path", ""), arguments);
            case "after" -> service.insertAfter(type, control, modulePath, args.string("new_type", ""),
                    args.string("new_control", ""), args.string("new_module_path", ""), arguments);
            case "args_absent" -> service.removeArguments(type, control, modulePath, arguments);
            case "args_present" -> service.addArguments(type, control, modulePath, arguments);
            default -> service.remove(type, control, modulePath);
        };
        Optional<String> invalid = service.invalid();
        if (invalid.isPresent()) {
            return ModuleResult.failed(invalid.get());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("change_count", changes);
        values.put("backupdest", "");
        if (changes > 0 && !context.checkMode()) {
            RemoteFile target = existing.type().equals("link") ? RemoteFile.read(context,
                    context.sh("readlink -f " + Sh.quote(file)).stdout().strip(), false) : existing;
            if (args.bool("backup", false)) {
                CopyModule.backup(context, file).ifPresent(backup -> values.put("backupdest", backup));
            }
            TextFileWriter.write(context, new Args(Map.of()), target, service.render(now(context)), true);
        }
        return ModuleResult.changed(changes > 0, values);
    }

    /** Ansible's required_if for the states that need more arguments. */
    private static Optional<String> missingForState(Args args, String state) {
        List<String> needed = switch (state) {
            case "args_present", "args_absent" -> List.of("module_arguments");
            case "before", "after" -> List.of("new_control", "new_type", "new_module_path");
            default -> List.of();
        };
        List<String> missing = new ArrayList<>(needed.stream().filter(n -> !args.has(n)).toList());
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("state is " + state + " but all of the following are missing: " + String.join(", ", missing));
    }

    private static String joined(String directory, String name) {
        return directory.isEmpty() || directory.endsWith("/") ? directory + name : directory + "/" + name;
    }

    /**
     * The container's local time as Python's {@code datetime.now().isoformat()} writes it: microseconds,
     * left out when they are zero.
     */
    private static String now(ModuleContext context) {
        String out = context.sh("date +%Y-%m-%dT%H:%M:%S.%N").stdout().strip();
        String seconds = out.length() >= 19 ? out.substring(0, 19) : out;
        String fraction = out.matches(".{19}\\.[0-9]{9}") ? out.substring(20, 26)
                : String.format("%06d", LocalTime.now().getNano() / 1000);
        return fraction.equals("000000") ? seconds : seconds + "." + fraction;
    }
}
