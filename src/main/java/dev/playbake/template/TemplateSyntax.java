package dev.playbake.template;

import java.util.Map;

/**
 * How a template file is read: the {@code template} module's {@code trim_blocks},
 * {@code lstrip_blocks} and delimiter overrides ({@code block_start_string}, …).
 */
public record TemplateSyntax(boolean trimBlocks, boolean lstripBlocks, String blockStart, String blockEnd,
                             String variableStart, String variableEnd, String commentStart, String commentEnd) {

    /** Ansible's template module defaults: Jinja2's delimiters, trim_blocks on, lstrip_blocks off. */
    public static final TemplateSyntax DEFAULT = new TemplateSyntax(true, false, "{%", "%}", "{{", "}}", "{#", "#}");

    /** The syntax a template task's arguments ask for; absent ones keep the default. */
    public static TemplateSyntax of(Map<String, Object> args) {
        return new TemplateSyntax(
                AnsibleValues.truthy(args.getOrDefault("trim_blocks", DEFAULT.trimBlocks)),
                AnsibleValues.truthy(args.getOrDefault("lstrip_blocks", DEFAULT.lstripBlocks)),
                text(args, "block_start_string", DEFAULT.blockStart),
                text(args, "block_end_string", DEFAULT.blockEnd),
                text(args, "variable_start_string", DEFAULT.variableStart),
                text(args, "variable_end_string", DEFAULT.variableEnd),
                text(args, "comment_start_string", DEFAULT.commentStart),
                text(args, "comment_end_string", DEFAULT.commentEnd));
    }

    /** This syntax with a template's {@code #jinja2:} settings over it; a setting playbake has not is refused. */
    TemplateSyntax with(Map<String, Object> settings) {
        Map<String, Object> args = new java.util.HashMap<>(Map.of("trim_blocks", trimBlocks, "lstrip_blocks", lstripBlocks,
                "block_start_string", blockStart, "block_end_string", blockEnd, "variable_start_string", variableStart,
                "variable_end_string", variableEnd, "comment_start_string", commentStart, "comment_end_string", commentEnd));
        settings.forEach((key, value) -> {
            if (!args.containsKey(key)) {
                throw new TemplateException("#jinja2: override '" + key + "' is not supported (trim_blocks, lstrip_blocks"
                        + " and the *_start_string/*_end_string delimiters are)");
            }
            args.put(key, value);
        });
        return of(args);
    }

    /** Whether the text has anything to render under this syntax. */
    public boolean isTemplate(String text) {
        return text.contains(variableStart) || text.contains(blockStart) || text.contains(commentStart);
    }

    boolean usesDefaultDelimiters() {
        return blockStart.equals(DEFAULT.blockStart) && blockEnd.equals(DEFAULT.blockEnd)
                && variableStart.equals(DEFAULT.variableStart) && variableEnd.equals(DEFAULT.variableEnd)
                && commentStart.equals(DEFAULT.commentStart) && commentEnd.equals(DEFAULT.commentEnd);
    }

    private static String text(Map<String, Object> args, String key, String fallback) {
        Object value = args.get(key);
        return value == null ? fallback : String.valueOf(value);
    }
}
