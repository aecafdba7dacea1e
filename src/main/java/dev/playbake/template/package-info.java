/** Jinja2 as Ansible speaks it: rendering strings and native values, conditionals, Ansible's filters and tests. */
package dev.playbake.template;
