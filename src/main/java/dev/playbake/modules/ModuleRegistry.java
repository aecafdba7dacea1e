package dev.playbake.modules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The modules playbake implements, by name. */
public final class ModuleRegistry {

    private final Map<String, Module> modules;

    public ModuleRegistry(List<Module> modules) {
        this.modules = modules.stream().collect(Collectors.toMap(Module::name, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    /** Every module of this package. */
    public static ModuleRegistry standard() {
        return new ModuleRegistry(List.of(
                new CommandModule("command"), new CommandModule("shell"), new CommandModule("raw"),
                new CopyModule(), new FileModule(), new StatModule(), new LineinfileModule(),
                new AptModule(), new PackageModule(), new UserModule(), new GroupModule(),
                new DnfModule("dnf"), new DnfModule("yum"),
                new BlockinfileModule(), new ReplaceModule(),
                new SlurpModule(),
                new FetchModule(),
                new FindModule(),
                new TempfileModule(),
                new WaitForModule(),
                new GetentModule(),
                new ScriptModule(),
                new ServiceModule(),
                new SystemdModule("systemd"),
                new SystemdModule("systemd_service"),
                new CronModule(),
                new AuthorizedKeyModule(),
                new IniFileModule(),
                new GetUrlModule(),
                new UriModule(),
                new UnarchiveModule(),
                new GitModule(),
                new DebconfModule(),
                new DpkgSelectionsModule(),
                new AlternativesModule(),
                new LocaleGenModule(),
                new TimezoneModule(),
                new AptKeyModule(),
                new AptRepositoryModule(),
                new SysctlModule(),
                new PipModule(),
                new ArchiveModule()));
    }

    public Optional<Module> find(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    public List<String> names() {
        return List.copyOf(modules.keySet());
    }
}
