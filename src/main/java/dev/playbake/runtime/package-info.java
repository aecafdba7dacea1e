/**
 * The container runtime port: what a build asks of the host its containers run on (start, commit, tag,
 * push, pull, list, remove), in value records of its own. {@code dev.playbake.docker} implements it;
 * {@code dev.playbake.connection} is the per-container half (exec and files).
 */
package dev.playbake.runtime;
