/** The ImageBuild API as both shells read it: spec validation and its translation into a BuildRequest. */
package dev.playbake.api;
