/** The ImageBuild custom resource, its reconciler, status, events, secrets and config maps. */
package dev.playbake.operator;
