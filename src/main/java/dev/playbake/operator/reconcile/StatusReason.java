package dev.playbake.operator.reconcile;

import dev.playbake.imagebuild.BuildFailure;
import dev.playbake.imagebuild.BuildPhase;

/** The reasons an ImageBuild's conditions carry (docs/architecture.md, "Status and digest back to the resource"). */
public enum StatusReason {
    Pending, Provisioning, Running, Committing, Pushing, Succeeded,
    PlaybookFailed, PushFailed, PullFailed, HostUnavailable, Timeout, Canceled, InvalidSpec, SecretNotFound, TagConflict,
    /** The operator stopped mid-build (SIGTERM); not final: the next operator builds it again. */
    Interrupted;

    public static StatusReason of(BuildPhase phase) {
        return switch (phase) {
            case PROVISIONING -> Provisioning;
            case RUNNING -> Running;
            case COMMITTING -> Committing;
            case PUSHING -> Pushing;
        };
    }

    public static StatusReason of(BuildFailure.Reason reason) {
        return switch (reason) {
            case PLAYBOOK_FAILED -> PlaybookFailed;
            case INVALID_SPEC -> InvalidSpec;
            case PUSH_UNAUTHORIZED, PUSH_FAILED -> PushFailed;
            case PULL_FAILED -> PullFailed;
            case HOST_UNAVAILABLE -> HostUnavailable;
            case TIMEOUT -> Timeout;
        };
    }
}
