/** What several module groups share: a remote file's state and attributes, downloads into the container, HTTP fetches. */
package dev.playbake.modules.support;
