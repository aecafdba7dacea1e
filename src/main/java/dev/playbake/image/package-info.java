/** Image values shared by the CLI, the operator and the Docker client: references and registry credentials. */
package dev.playbake.image;
