package dev.playbake.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.loader.ResourceNotFoundException;

import java.nio.charset.Charset;
import java.util.Optional;

/**
 * Where {@code {% include %}}, {@code {% import %}}, {@code {% from %}} and {@code {% extends %}} read templates:
 * only the build's own files, searched as Ansible's template search path is (the including template's directory,
 * then the role's templates/, the role, templates/ and the playbook's directory). jinjava's default locator reads
 * the process's classpath, which in the operator is the operator's own configuration.
 */
final class BuildContextTemplates implements ResourceLocator {

    @Override
    public String getString(String name, Charset encoding, JinjavaInterpreter interpreter)
            throws ResourceNotFoundException {
        LookupPlugins.Bound bound = LookupPlugins.bound(interpreter);
        FileFinder files = bound.plugins().files();
        Variables vars = bound.vars();
        Optional<FileFinder.Found> found = templateDirectory(vars)
                .flatMap(dir -> files.find("templates", dir + "/" + name, vars))
                .or(() -> files.find("templates", name, vars));
        return found.map(f -> new String(f.content(), encoding)).orElseThrow(() -> new ResourceNotFoundException(
                "template '" + name + "' not found in the build context (looked beside the template, in the role's "
                        + "templates/, templates/ and the playbook's directory)"));
    }

    /** The directory of the template file being rendered ({@code template_path}), when it is one. */
    private static Optional<String> templateDirectory(Variables vars) {
        return vars.raw("template_path").map(String::valueOf).filter(path -> path.contains("/"))
                .map(path -> path.substring(0, path.lastIndexOf('/')));
    }
}
