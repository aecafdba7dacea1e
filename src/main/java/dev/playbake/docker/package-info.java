/** The container runtime port on a Docker host, over docker-java: containers, exec, file copies, commit, tag, push and pull with registry auth. */
package dev.playbake.docker;
