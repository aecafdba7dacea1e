package dev.playbake.template;

import java.util.Map;
import java.util.Set;

/**
 * Collection-qualified filter and test names, resolved as Ansible 2.14 resolves them: {@code ansible.builtin.}
 * and {@code ansible.legacy.} name Ansible's own plugins only (not Jinja2's built-ins: {@code ansible.builtin.upper}
 * fails in Ansible too), {@code community.general.} its collection's, {@code ansible.utils.} its IP filters (and
 * {@code ansible.netcommon.}, which redirects them there). A name no collection here defines is kept
 * whole, so the error names it.
 */
final class PluginNames {

    private static final Set<String> BUILTIN_FILTERS = Set.of(
            "b64decode", "b64encode", "basename", "bool", "checksum", "combinations", "combine", "comment",
            "dict2items", "difference", "dirname", "expanduser", "expandvars", "extract", "fileglob", "flatten",
            "from_json", "from_yaml", "from_yaml_all", "hash", "human_readable", "human_to_bytes", "intersect",
            "items2dict", "log", "mandatory", "md5", "password_hash", "path_join", "permutations", "pow", "product",
            "quote", "random", "realpath", "regex_escape", "regex_findall", "regex_replace", "regex_search",
            "rekey_on_member", "relpath", "root", "sha1", "shuffle", "split", "splitext", "strftime", "subelements",
            "symmetric_difference", "ternary", "to_datetime", "to_json", "to_nice_json", "to_nice_yaml", "to_uuid",
            "to_yaml", "type_debug", "union", "unique", "unvault", "urldecode", "urlsplit", "vault", "win_basename",
            "win_dirname", "win_splitdrive", "zip", "zip_longest");

    private static final Set<String> BUILTIN_TESTS = Set.of(
            "abs", "all", "any", "change", "changed", "contains", "directory", "exists", "failed", "failure",
            "falsy", "file", "finished", "is_abs", "is_dir", "is_file", "is_link", "is_mount", "is_same_file",
            "isnan", "issubset", "issuperset", "link", "link_exists", "match", "mount", "nan", "reachable", "regex",
            "same_file", "search", "skip", "skipped", "started", "subset", "succeeded", "success", "successful",
            "superset", "truthy", "unreachable", "uri", "url", "urn", "vault_encrypted", "version", "version_compare");

    private static final Set<String> COMMUNITY_GENERAL_FILTERS = Set.of(
            "counter", "crc32", "dict", "dict_kv", "from_csv", "groupby_as_dict", "hashids_decode", "hashids_encode",
            "jc", "json_query", "lists_mergeby", "random_mac", "to_days", "to_hours", "to_milliseconds", "to_minutes",
            "to_months", "to_seconds", "to_time_unit", "to_weeks", "to_years", "unicode_normalize", "version_sort");

    private static final Set<String> IP_FILTERS = Set.of("ipaddr", "ipmath", "ipv4", "ipv6", "ipwrap");

    private static final Map<String, Set<String>> FILTERS = Map.of(
            "ansible.builtin.", BUILTIN_FILTERS, "ansible.legacy.", BUILTIN_FILTERS,
            "community.general.", COMMUNITY_GENERAL_FILTERS, "ansible.utils.", IP_FILTERS,
            "ansible.netcommon.", IP_FILTERS);

    private static final Map<String, Set<String>> TESTS = Map.of(
            "ansible.builtin.", BUILTIN_TESTS, "ansible.legacy.", BUILTIN_TESTS);

    private PluginNames() {
    }

    /** The name a filter is registered under: {@code ansible.builtin.ternary} is {@code ternary}. */
    static String filter(String name) {
        return resolve(name, FILTERS);
    }

    /** The name a test is registered under: {@code ansible.builtin.version} is {@code version}. */
    static String test(String name) {
        return resolve(name, TESTS);
    }

    private static String resolve(String name, Map<String, Set<String>> collections) {
        for (Map.Entry<String, Set<String>> collection : collections.entrySet()) {
            if (name.startsWith(collection.getKey())) {
                String shortName = name.substring(collection.getKey().length());
                return collection.getValue().contains(shortName) ? shortName : name;
            }
        }
        return name;
    }
}
