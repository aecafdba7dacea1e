/**
 * The build pipeline (ImageBuilder, its stages in BuildRun): BuildRequest in, BuildResult out; containers,
 * snapshots, tags and pushes around one engine run, over the {@code dev.playbake.runtime} port only.
 */
package dev.playbake.imagebuild;
