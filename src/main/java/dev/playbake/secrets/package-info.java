/** Keeps secret values out of everything a build shows: logs, status, events and failure messages. */
package dev.playbake.secrets;
