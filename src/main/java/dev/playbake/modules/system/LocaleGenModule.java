package dev.playbake.modules.system;

import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.PyStrings;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.playbake.modules.Argument.str;

/** {@code locale_gen} (community.general): enables or disables a locale in /etc/locale.gen and runs locale-gen. */
public final class LocaleGenModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("name").required(), str("state").choices("absent", "present").defaultsTo("present"));

    private static final Map<String, String> NORMALIZATION = new LinkedHashMap<>();

    static {
        NORMALIZATION.put(".utf8", ".UTF-8");
        NORMALIZATION.put(".eucjp", ".EUC-JP");
        NORMALIZATION.put(".iso885915", ".ISO-8859-15");
        NORMALIZATION.put(".cp1251", ".CP1251");
        NORMALIZATION.put(".koi8r", ".KOI8-R");
        NORMALIZATION.put(".armscii8", ".ARMSCII-8");
        NORMALIZATION.put(".euckr", ".EUC-KR");
        NORMALIZATION.put(".gbk", ".GBK");
        NORMALIZATION.put(".gb18030", ".GB18030");
        NORMALIZATION.put(".euctw", ".EUC-TW");
    }

    @Override
    public String name() {
        return "locale_gen";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String name = args.required("name");
        String state = args.string("state").orElseThrow();
        String layout = context.sh("if [ -d /var/lib/locales/supported.d/ ]; then echo ubuntu;"
                + " elif [ -e /etc/locale.gen ]; then echo debian; fi").stdout().strip();
        if (layout.isEmpty()) {
            return ModuleResult.failed("/etc/locale.gen and /var/lib/locales/supported.d/local are missing."
                    + " Is the package \"locales\" installed?");
        }
        if (layout.equals("ubuntu")) {
            return ModuleResult.failed("locale_gen: the Ubuntu layout (/var/lib/locales/supported.d) is not supported by"
                    + " playbake; run locale-gen NAME in a command task");
        }
        String localeGen = new String(context.connection().fetch("/etc/locale.gen").orElse(new byte[0]), StandardCharsets.UTF_8);
        Pattern available = Pattern.compile("^#?\\s*(\\S+_\\S+) (\\S+)\\s*$");
        boolean found = PyStrings.linesKeepingEnds(localeGen).stream().map(available::matcher)
                .anyMatch(m -> m.lookingAt() && m.group(1).equals(name));
        if (!found) {
            return ModuleResult.failed("The locale you've entered is not available on your system.");
        }
        String installed = context.sh("locale -a").stdout();
        boolean present = installed.lines().anyMatch(line -> fixCase(line).equals(fixCase(name)));
        boolean changed = present != state.equals("present");
        if (context.checkMode()) {
            return ModuleResult.changed(changed, Map.of());
        }
        if (changed) {
            Pattern search = Pattern.compile("#?\\s*" + name + " (?<charset>.+)");
            String replacement = Matcher.quoteReplacement((state.equals("present") ? "" : "# ") + name + " ") + "${charset}";
            StringBuilder edited = new StringBuilder();
            for (String line : PyStrings.linesKeepingEnds(localeGen)) {
                edited.append(search.matcher(line).replaceAll(replacement));
            }
            context.connection().put(List.of(new FileEntry("/etc/locale.gen",
                    edited.toString().getBytes(StandardCharsets.UTF_8), 0644)));
            ExecResult generated = context.sh("locale-gen");
            if (!generated.succeeded()) {
                return ModuleResult.failed("[Errno " + generated.exitCode() + "] locale.gen failed to execute, it returned "
                        + generated.exitCode(), Map.of("exitValue", generated.exitCode()));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("msg", "OK");
        return ModuleResult.changed(changed, values);
    }

    private static String fixCase(String locale) {
        String result = locale;
        for (Map.Entry<String, String> e : NORMALIZATION.entrySet()) {
            result = result.replace(e.getKey(), e.getValue());
        }
        return result;
    }
}
