/** Modules that read and write files in the container: copy, file, lineinfile, find, archive and the rest of Ansible's files group. */
package dev.playbake.modules.files;
