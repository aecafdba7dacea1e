/** The Connection to a build container: exec with stdin, env, user and workdir; put and fetch files. */
package dev.playbake.connection;
