/** The module API (Module, its context, arguments and result) and the registry; the modules themselves live in the subpackages by kind. */
package dev.playbake.modules;
