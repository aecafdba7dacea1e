package dev.playbake.modules;

/** The type of a module argument, as Ansible's {@code argument_spec} names it. */
public enum ArgumentType {
    STR, BOOL, INT, LIST, DICT, PATH, RAW
}
