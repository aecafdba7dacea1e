package dev.playbake.template;

/** A template could not be rendered: an undefined variable, a syntax error, a failing filter. */
public class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }
}
