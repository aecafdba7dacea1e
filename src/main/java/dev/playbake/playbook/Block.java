package dev.playbake.playbook;

import java.util.List;
import java.util.Optional;

/**
 * A block with its rescue and always sections. Roles and static imports also become blocks, so
 * their keywords apply to every task inside, as in Ansible.
 *
 * @param origin what made the block: the cache takes a written block as one step, a role or an import as its steps
 */
public record Block(String name, Location location, List<Step> block, List<Step> rescue, List<Step> always,
                    TaskOptions options, Optional<Role> role, Origin origin) implements Step {

    /** Where a block comes from. */
    public enum Origin {
        /** A {@code block:} in a task list. */
        WRITTEN,
        /** A role's tasks, from {@code roles:}, a dependency or {@code import_role}. */
        ROLE,
        /** The tasks of {@code import_tasks} (or a static {@code include:}), or the wrapper of an {@code import_role}. */
        IMPORT
    }

    public Block {
        block = List.copyOf(block);
        rescue = List.copyOf(rescue);
        always = List.copyOf(always);
    }
}
