package dev.playbake.engine.actions;

import dev.playbake.engine.PlaybookFiles;
import dev.playbake.modules.ModuleException;
import dev.playbake.python.PyPaths;
import dev.playbake.template.TemplateException;
import dev.playbake.template.TemplateSyntax;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/** {@code template}: renders the file here, as Ansible's action plugin does, and hands the text to copy. */
final class TemplateAction implements Action {

    /** The template module's own options, which copy does not take. */
    private static final List<String> TEMPLATE_OPTIONS = List.of("trim_blocks", "lstrip_blocks", "newline_sequence",
            "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
            "comment_start_string", "comment_end_string", "output_encoding");

    @Override
    public ActionOutcome run(ActionContext context) {
        Map<String, Object> args = context.templatedArgs();
        String src = String.valueOf(Optional.ofNullable(args.remove("src")).orElseThrow(() ->
                new ModuleException("template: src is required")));
        var found = context.files().find("templates", src, context.scope()).orElseThrow(() -> new ModuleException(
                "Could not find or access '" + src + "' (looked in the role's templates/, templates/ and the playbook's directory)"));
        Map<String, Object> templateVars = new LinkedHashMap<>();
        templateVars.put("template_path", PlaybookFiles.ROOT + "/" + found.path());
        templateVars.put("template_fullpath", PlaybookFiles.ROOT + "/" + found.path());
        templateVars.put("template_host", context.hostname());
        templateVars.put("template_uid", "root");
        templateVars.put("template_destpath", args.get("dest"));
        templateVars.put("ansible_managed", "Ansible managed");
        templateVars.put("template_run_date", LocalDateTime.now().format(
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")));
        String rendered;
        try {
            rendered = context.templar().renderText(new String(found.content(), StandardCharsets.UTF_8),
                    context.scope().with(templateVars), TemplateSyntax.of(args));
        } catch (TemplateException e) {
            // the task's line is known; the file whose text failed is not, unless said
            throw new TemplateException("in template " + found.path() + ": " + e.getMessage());
        }
        args.put("content", newlines(rendered, String.valueOf(args.getOrDefault("newline_sequence", "\n"))));
        args.put("_original_basename", PyPaths.basename(src));
        TEMPLATE_OPTIONS.forEach(args::remove);
        return ActionOutcome.of(context.runModule("copy", args).values());
    }

    /** The template module's newline_sequence, given as the characters or as Ansible's escaped forms. */
    private static String newlines(String text, String sequence) {
        String newline = switch (sequence) {
            case "\\n", "\n" -> "\n";
            case "\\r", "\r" -> "\r";
            case "\\r\\n", "\r\n" -> "\r\n";
            default -> throw new ModuleException("newline_sequence must be one of \\n, \\r, \\r\\n, got: " + sequence);
        };
        return newline.equals("\n") ? text : text.replaceAll("\r\n|\r|\n", Matcher.quoteReplacement(newline));
    }
}
