/** One class per Ansible module, each turning its arguments into commands and file transfers over a Connection. */
package dev.playbake.modules;
