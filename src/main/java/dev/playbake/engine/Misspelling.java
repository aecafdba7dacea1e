package dev.playbake.engine;

import java.util.Collection;
import java.util.Optional;

/** The known name a misspelt one was meant to be: the closest by edit distance, if close enough to be a typo. */
public final class Misspelling {

    private Misspelling() {
    }

    /** The closest of {@code known}; empty when even it has more than a third of the letters wrong (another word). */
    public static Optional<String> closest(String word, Collection<String> known) {
        String closest = "";
        int best = Integer.MAX_VALUE;
        for (String name : known) {
            int distance = editDistance(word, name);
            if (distance < best) {
                best = distance;
                closest = name;
            }
        }
        return best <= Math.max(1, word.length() / 3) ? Optional.of(closest) : Optional.empty();
    }

    /** Edits between two words, a swap of two neighbouring letters counting as one (the commonest typo). */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
