package dev.playbake.imagebuild;

import dev.playbake.engine.PlaybookCheck;
import dev.playbake.engine.Problem;
import dev.playbake.engine.actions.ActionRegistry;
import dev.playbake.imagebuild.cache.ArtifactCache;
import dev.playbake.imagebuild.cache.ArtifactStore;
import dev.playbake.imagebuild.cache.BuildArtifacts;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.SourceFiles;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request's playbook, parsed and checked against the modules and their arguments, with the files it may read
 * and where fetched files go.
 *
 * @param playbook  the parsed playbook
 * @param files     the files it may read
 * @param folder    the host folder fetch writes to, when the build has one
 * @param artifacts the fetched files, kept and given back across cached steps
 * @param warnings  what the checks found in tasks that may not run, to say before the build
 */
record BuildInputs(Playbook playbook, SourceFiles files, Optional<BuildArtifacts> folder, ArtifactCache artifacts,
                   List<Problem> warnings) {

    static BuildInputs parse(BuildRequest request, ModuleRegistry modules, Optional<ArtifactStore> artifactStore)
            throws PlaybookException {
        SourceFiles files = new SourceFiles(request.playbook().files());
        Optional<BuildArtifacts> folder = request.artifacts().map(BuildArtifacts::new);
        ArtifactCache artifacts = new ArtifactCache(folder, artifactStore);
        Playbook playbook = PlaybookParser.parse(request.playbook().fileName(), request.playbook().content(), files,
                ActionRegistry.standard().scalarArgumentActions());
        Set<String> extraVars = new HashSet<>(request.extraVars().keySet());
        extraVars.addAll(request.secretVars().keySet());
        List<Problem> warnings = PlaybookCheck.check(playbook, new PlaybookCheck.Inputs(modules,
                request.playbook().fileName(), request.playbook().content(), files, folder.isPresent(),
                request.tagSelection(), extraVars));
        return new BuildInputs(playbook, files, folder, artifacts, warnings);
    }
}
