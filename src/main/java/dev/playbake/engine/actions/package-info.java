/**
 * The actions playbake runs itself rather than as modules over the connection (debug, set_fact,
 * include_tasks …), one small class each, and the registry that names them and says what each may do.
 */
package dev.playbake.engine.actions;
