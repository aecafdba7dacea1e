/** System configuration: users, groups, services and systemd units, cron, authorized keys, sysctl, locales, time zone, alternatives. */
package dev.playbake.modules.system;
