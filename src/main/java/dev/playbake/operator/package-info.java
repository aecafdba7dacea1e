/** The operator: the ImageBuild reconciler, status, events, the cluster inputs it reads (secrets, config maps) and its runtime wiring. */
package dev.playbake.operator;
