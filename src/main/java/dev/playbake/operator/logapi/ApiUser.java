package dev.playbake.operator.logapi;

import java.util.List;
import java.util.Map;

/**
 * The user the API server authenticated and passed on in request headers.
 *
 * @param name   the user name
 * @param groups their groups
 * @param extra  further attributes (scopes, the pod of a service account token)
 */
public record ApiUser(String name, List<String> groups, Map<String, List<String>> extra) {
}
