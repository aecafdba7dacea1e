/** The per-task layer cache (keys, snapshots, their inventory and pruning) and the content-addressed store of fetched artifacts. */
package dev.playbake.imagebuild.cache;
