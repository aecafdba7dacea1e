package dev.playbake.imagebuild;

/** Where a build is; the operator's status reasons follow these. */
public enum BuildPhase {
    PROVISIONING, RUNNING, COMMITTING, PUSHING
}
