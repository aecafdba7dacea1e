/** The parsed playbook model (plays, blocks, tasks, handlers, roles) and its YAML parser, with file:line on every node. */
package dev.playbake.playbook;
