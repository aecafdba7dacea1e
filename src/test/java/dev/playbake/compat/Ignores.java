package dev.playbake.compat;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What the differential test does not compare, each with its reason: traces that Ansible's own
 * Python or the container runtime leave, and content that depends on the clock.
 */
final class Ignores {

    /** A path pattern and why it is ignored. */
    record Rule(Pattern pattern, String reason) {
        Rule(String regex, String reason) {
            this(Pattern.compile(regex), reason);
        }
    }

    /** Paths left out entirely: neither presence nor attributes are compared. */
    static final List<Rule> PATHS = List.of(
            new Rule("(^|.*/)\\.ansible(/.*)?$", "Ansible's remote temp dir (~/.ansible/tmp)"),
            new Rule("^/tmp/ansible.*", "Ansible's remote temp files"),
            new Rule(".*/__pycache__(/.*)?$", "bytecode Python writes when Ansible's modules import libraries"),
            new Rule(".*\\.pyc$", "bytecode Python writes when Ansible's modules import libraries"),
            new Rule("^/var/lib/apt/lists(/.*)?$", "apt indexes: fetched at different moments"),
            new Rule("^/var/cache/apt(/.*)?$", "apt's package cache and binary indexes"),
            new Rule("^/var/lib/apt/periodic/update-success-stamp$",
                    "touched by apt-get update's hook; python-apt's cache update (Ansible) does not run hooks"),
            new Rule("^/var/cache/debconf/[a-z]+\\.dat-old$", "debconf's backups: written on each debconf run"),
            new Rule("^/var/lib/dpkg/[a-z]+-old$", "dpkg's backups of its status: written on each dpkg run"),
            new Rule("^/var/log/apt(/.*)?$", "apt's logs, with timestamps"),
            new Rule("^/var/log/(dpkg|alternatives)\\.log$", "dpkg's logs, with timestamps"),
            new Rule("^/etc/(hostname|hosts|resolv\\.conf)$", "bind-mounted by Docker into every container"),
            new Rule("^/var/cache/dnf(/.*)?$", "dnf's metadata cache: fetched at different moments"),
            new Rule("^/var/log/(dnf(\\.librepo|\\.rpm)?|hawkey)\\.log$", "dnf's logs, with timestamps"),
            new Rule("^/var/lib/dnf/history\\.sqlite(-shm|-wal)?$",
                    "dnf's transaction history: times, and the command line or Python call that ran each"),
            new Rule(".*/objects/pack/.*", "git pack files: their bytes, and so their names, depend on git's threaded delta search"));

    /** Paths whose presence and attributes are compared, but not their content. */
    static final List<Rule> CONTENT = List.of(
            new Rule(".*\\.(gz|tgz|xz|bz2|zip|tar|deb)$", "archives store the time they were made"),
            new Rule("^/var/cache/debconf/templates\\.dat$", "debconf keeps templates in the order apt loaded them"),
            new Rule("^/var/lib/dpkg/(triggers/Lock|lock.*)$", "dpkg's lock files"),
            new Rule("^/var/cache/ldconfig/aux-cache$", "ldconfig's cache keys libraries by inode and time"),
            new Rule("^/etc/machine-id$", "systemd's package writes a random machine id when installed"),
            new Rule("^(/root/\\.rpmdb|/var/lib/rpm)/rpmdb\\.sqlite(-shm|-wal)?$",
                    "the rpm database (Debian's rpm keeps it in ~/.rpmdb) holds install times; the dnf case writes rpm -q's answer to a file"),
            new Rule("^/var/spool/cron/crontabs/[^/]+$",
                    "crontab(1) heads a crontab with its temp file's name and the time; cases compare crontab -l"),
            new Rule(".*/\\.git/(index|FETCH_HEAD|ORIG_HEAD|logs/.*)$", "git's stat cache and reflogs hold inodes and times"),
            new Rule(".*/\\.gnupg/(pubring\\.kbx|trustdb\\.gpg)$", "gpg stamps the time into the home it creates on first use"),
            new Rule(".*/\\.ssh/id_[^/]+$",
                    "user generate_ssh_key: key pairs are random; cases write the key's type, size and comment in a file"));

    /**
     * Paths compared under another name: names that hold a process id and the time, so that the same
     * file has a different name on each side. Each side's path is compared under its replacement.
     */
    static final List<Rule> RENAMED = List.of(
            new Rule("^(.+)\\.[0-9]+\\.[0-9]{4}-[0-9]{2}-[0-9]{2}@[0-9]{2}:[0-9]{2}:[0-9]{2}~$",
                    "backup: true names the copy FILE.PID.YYYY-MM-DD@HH:MM:SS~ (Ansible's backup_local): "
                            + "compared as FILE.PID.TIME~"));

    private Ignores() {
    }

    static boolean ignored(String path) {
        return PATHS.stream().anyMatch(r -> r.pattern().matcher(path).matches());
    }

    /** The name a path is compared under: itself, or its {@link #RENAMED} form. */
    static String comparedName(String path) {
        for (Rule rule : RENAMED) {
            var matcher = rule.pattern().matcher(path);
            if (matcher.matches()) {
                return matcher.group(1) + ".PID.TIME~";
            }
        }
        return path;
    }

    static boolean contentIgnored(String path) {
        return CONTENT.stream().anyMatch(r -> r.pattern().matcher(path).matches());
    }
}
