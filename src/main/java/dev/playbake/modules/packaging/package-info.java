/** Package managers: apt (with its keys and repositories), dnf and yum, pip, package, dpkg selections and debconf. */
package dev.playbake.modules.packaging;
