package dev.playbake.template;

import com.hubspot.jinjava.interpret.TemplateError;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns jinjava's errors into Ansible-like messages that name the template text they came from. */
final class TemplateErrors {

    private static final Pattern UNKNOWN_TOKEN = Pattern.compile("Unknown token found: (.*)");

    private TemplateErrors() {
    }

    static String describe(TemplateError error, String source) {
        // a filter's or lookup's own error, which jinjava wraps as "Error invoking function ..."
        for (Throwable cause = error.getException(); cause != null; cause = cause.getCause()) {
            if (cause instanceof TemplateException own) {
                return own.getMessage() + " in '" + abbreviate(source) + "'";
            }
        }
        return describe(error.getMessage() == null ? String.valueOf(error.getReason()) : error.getMessage(), source);
    }

    static String describe(String message, String source) {
        if (message == null) {
            return "template error in '" + abbreviate(source) + "'";
        }
        Matcher unknown = UNKNOWN_TOKEN.matcher(message);
        if (unknown.find()) {
            String token = unknown.group(1).strip();
            int pipe = token.indexOf('|');
            return "'" + (pipe > 0 ? token.substring(0, pipe).strip() : token) + "' is undefined in '"
                    + abbreviate(source) + "'";
        }
        return cleanMessage(message) + " in '" + abbreviate(source) + "'";
    }

    private static String cleanMessage(String message) {
        // jinjava wraps what a parser or filter throws: "Error resolving expression [x]: TemplateException: ..."
        return message.replaceFirst("^[A-Za-z.]*Exception: ", "")
                .replaceFirst("^Error resolving expression \\[.*?]: [A-Za-z.]*TemplateException: ", "");
    }

    static String abbreviate(String source) {
        String oneLine = source.replace("\n", "\\n");
        return oneLine.length() > 120 ? oneLine.substring(0, 117) + "..." : oneLine;
    }
}
