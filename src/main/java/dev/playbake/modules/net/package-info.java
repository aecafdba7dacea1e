/** Modules that talk to the network: get_url, uri, wait_for and git. */
package dev.playbake.modules.net;
