/** The build pipeline (ImageBuilder) and the per-task LayerCache: BuildRequest in, BuildResult out. */
package dev.playbake.build;
