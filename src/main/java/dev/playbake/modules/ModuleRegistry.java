package dev.playbake.modules;

import dev.playbake.modules.commands.CommandModule;
import dev.playbake.modules.commands.ScriptModule;
import dev.playbake.modules.files.ArchiveModule;
import dev.playbake.modules.files.BlockinfileModule;
import dev.playbake.modules.files.CopyModule;
import dev.playbake.modules.files.FetchModule;
import dev.playbake.modules.files.FileModule;
import dev.playbake.modules.files.FindModule;
import dev.playbake.modules.files.IniFileModule;
import dev.playbake.modules.files.LineinfileModule;
import dev.playbake.modules.files.PamLimitsModule;
import dev.playbake.modules.files.PamdModule;
import dev.playbake.modules.files.ReplaceModule;
import dev.playbake.modules.files.SlurpModule;
import dev.playbake.modules.files.StatModule;
import dev.playbake.modules.files.TempfileModule;
import dev.playbake.modules.files.UnarchiveModule;
import dev.playbake.modules.net.GetUrlModule;
import dev.playbake.modules.net.GitModule;
import dev.playbake.modules.net.UriModule;
import dev.playbake.modules.net.WaitForModule;
import dev.playbake.modules.packaging.AptKeyModule;
import dev.playbake.modules.packaging.AptModule;
import dev.playbake.modules.packaging.AptRepositoryModule;
import dev.playbake.modules.packaging.DebconfModule;
import dev.playbake.modules.packaging.DnfModule;
import dev.playbake.modules.packaging.DpkgSelectionsModule;
import dev.playbake.modules.packaging.PackageFactsModule;
import dev.playbake.modules.packaging.PackageModule;
import dev.playbake.modules.packaging.PipModule;
import dev.playbake.modules.packaging.RpmKeyModule;
import dev.playbake.modules.packaging.YumRepositoryModule;
import dev.playbake.modules.system.AlternativesModule;
import dev.playbake.modules.system.AuthorizedKeyModule;
import dev.playbake.modules.system.CapabilitiesModule;
import dev.playbake.modules.system.CronModule;
import dev.playbake.modules.system.GetentModule;
import dev.playbake.modules.system.GroupModule;
import dev.playbake.modules.system.LocaleGenModule;
import dev.playbake.modules.system.MountModule;
import dev.playbake.modules.system.OpensshKeypairModule;
import dev.playbake.modules.system.SebooleanModule;
import dev.playbake.modules.system.SelinuxModule;
import dev.playbake.modules.system.SeportModule;
import dev.playbake.modules.system.ServiceFactsModule;
import dev.playbake.modules.system.ServiceModule;
import dev.playbake.modules.system.SysctlModule;
import dev.playbake.modules.system.SystemdModule;
import dev.playbake.modules.system.TimezoneModule;
import dev.playbake.modules.system.UserModule;
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
        this.modules = modules.stream().map(ArgumentValidator::validating)
                .collect(Collectors.toMap(Module::name, Function.identity(), (a, b) -> a, TreeMap::new));
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
                new YumRepositoryModule(),
                new RpmKeyModule(),
                new AptRepositoryModule(),
                new SysctlModule(),
                new PipModule(),
                new ArchiveModule(),
                new ServiceFactsModule(),
                new PackageFactsModule(),
                new MountModule(),
                new SelinuxModule(),
                new SebooleanModule(),
                new SeportModule(),
                new PamLimitsModule(),
                new PamdModule(),
                new OpensshKeypairModule(),
                new CapabilitiesModule()));
    }

    public Optional<Module> find(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    public List<String> names() {
        return List.copyOf(modules.keySet());
    }
}
