package dev.playbake.operator.reconcile;

import java.util.Optional;

/**
 * The base image's tag names a digest other than the one the last build started from: the reason to build again
 * that a base image watch finds.
 *
 * @param reference spec.baseImage
 * @param from      the digest the last build started from; empty when an older operator ran it and recorded none
 * @param to        the digest the reference names now
 */
public record BaseImageUpdate(String reference, Optional<String> from, String to) {

    /** What the last build of the same inputs started from, as far as status or this process knows it. */
    public sealed interface LastBase {

        /** It was pulled as this digest. */
        record Pulled(String digest) implements LastBase {
        }

        /**
         * It recorded no digest: the build never pulled (it failed before, or started from an image only the Docker
         * host has), so a digest found now is no news about it.
         */
        record NotPulled() implements LastBase {
        }

        /** An operator from before digests were recorded ran it (its status has no buildReason): nothing is known. */
        record Unrecorded() implements LastBase {
        }
    }

    /**
     * The update the newest check shows, if any.
     *
     * @param reference spec.baseImage now
     * @param last      what the last build started from
     * @param latest    the newest check since that build started
     */
    public static Optional<BaseImageUpdate> of(String reference, LastBase last, Optional<BaseImageCheck> latest) {
        Optional<String> seen = latest.filter(check -> check.reference().equals(reference))
                .filter(BaseImageCheck.Digest.class::isInstance).map(check -> ((BaseImageCheck.Digest) check).digest());
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        if (last instanceof LastBase.Pulled pulled) {
            return pulled.digest().equals(seen.get()) ? Optional.empty()
                    : Optional.of(new BaseImageUpdate(reference, Optional.of(pulled.digest()), seen.get()));
        }
        return last instanceof LastBase.Unrecorded
                ? Optional.of(new BaseImageUpdate(reference, Optional.empty(), seen.get())) : Optional.empty();
    }

    /** For the event and the log. */
    public String message() {
        return "base image " + reference + " now names " + to + from.map(f -> ", the last build started from " + f)
                .orElse(", and the last build (by an older operator) recorded no base image digest") + "; building again";
    }
}
