package dev.playbake.playbook;

import java.util.List;
import java.util.Map;

/**
 * One play, with its roles already expanded into blocks at the head of {@code tasks}, as Ansible runs them.
 *
 * @param varsFiles each {@code vars_files} entry: the file, or the alternatives of which the first found is read
 * @param preTasks  {@code pre_tasks}
 * @param tasks     the roles' tasks followed by {@code tasks}
 * @param postTasks {@code post_tasks}
 * @param handlers  every role's handlers followed by the play's
 * @param roles     every role the play uses, for their defaults and vars
 */
public record Play(String name, Location location, String hosts, Map<String, Object> vars, List<List<String>> varsFiles,
                   Object gatherFacts, TaskOptions options, List<Step> preTasks, List<Step> tasks,
                   List<Step> postTasks, List<Task> handlers, List<Role> roles) {

    public String displayName() {
        return name.isEmpty() ? hosts : name;
    }
}
