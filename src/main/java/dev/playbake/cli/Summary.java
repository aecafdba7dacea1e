package dev.playbake.cli;

/** The last line of the plain and tty views: what was built, or the failure, and how many tasks ran. */
final class Summary {

    private Summary() {
    }

    static String of(Ending ending, Progress counts, String elapsed) {
        String tally = counts.ran() + " ran, " + counts.cached() + " cached";
        return switch (ending.status()) {
            case SUCCESS -> {
                var built = ending.built().orElseThrow();
                String id = built.imageId();
                yield "built " + built.tags().get(0) + " (" + id.substring(0, Math.min(19, id.length())) + ") in "
                        + elapsed + ": " + tally;
            }
            case CANCELED -> ending.message() + " after " + elapsed + ": " + tally;
            case FAILURE -> ending.message();
        };
    }
}
