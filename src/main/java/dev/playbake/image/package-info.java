/** Image values shared by the CLI, the operator and the Docker client: references, registry credentials, the registry API. */
package dev.playbake.image;
