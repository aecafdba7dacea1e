/** Python's behaviour where Ansible's output depends on it: str(), splitlines, os.path, fnmatch, re, json, shlex, literals and tuples. */
package dev.playbake.python;
