package dev.playbake.playbook;

import java.util.List;
import java.util.Optional;

/**
 * A block with its rescue and always sections. Roles and static imports also become blocks, so
 * their keywords apply to every task inside, as in Ansible.
 */
public record Block(String name, Location location, List<Step> block, List<Step> rescue, List<Step> always,
                    TaskOptions options, Optional<Role> role) implements Step {

    public Block {
        block = List.copyOf(block);
        rescue = List.copyOf(rescue);
        always = List.copyOf(always);
    }
}
