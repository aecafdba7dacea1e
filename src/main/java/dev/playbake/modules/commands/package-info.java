/** Modules that run programs: command, shell, raw and script. */
package dev.playbake.modules.commands;
