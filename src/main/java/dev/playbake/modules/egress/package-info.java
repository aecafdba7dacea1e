/** Where connections the controller makes on a playbook's behalf may go: the egress policy and its address ranges. */
package dev.playbake.modules.egress;
