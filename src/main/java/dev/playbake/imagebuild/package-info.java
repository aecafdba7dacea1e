/** The build pipeline (ImageBuilder): BuildRequest in, BuildResult out; containers, snapshots, tags and pushes around one engine run. */
package dev.playbake.imagebuild;
