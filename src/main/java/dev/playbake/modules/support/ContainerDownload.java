package dev.playbake.modules.support;

import dev.playbake.connection.ExecResult;
import dev.playbake.modules.ModuleContext;
import dev.playbake.python.Sh;

/** A URL fetched inside the build container with whichever downloader the image has, as Ansible fetches on the target. */
public final class ContainerDownload {

    private ContainerDownload() {
    }

    /** The body on stdout; fails naming the URL when the image has neither curl nor wget. */
    public static ExecResult fetch(ModuleContext context, String url) {
        String u = Sh.quote(url);
        return context.sh("if command -v curl >/dev/null 2>&1; then curl -fsSL " + u
                + "; elif command -v wget >/dev/null 2>&1; then wget -qO- " + u
                + "; else echo 'no curl or wget in the image to fetch " + url.replace("'", "") + "' >&2; exit 1; fi");
    }
}
