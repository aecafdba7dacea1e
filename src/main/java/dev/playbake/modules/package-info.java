/**
 * The module API (Module, its argument spec, context, arguments and result), the argument validator and the
 * registry; the modules themselves live in the subpackages by kind.
 */
package dev.playbake.modules;
