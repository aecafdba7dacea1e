/** The playbake command line: build, cache and operator. */
package dev.playbake.cli;
