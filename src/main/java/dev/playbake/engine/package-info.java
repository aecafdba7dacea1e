/** Runs plays: variable scopes and precedence, facts, loops, conditions, register, blocks, handlers; reports to a listener. */
package dev.playbake.engine;
