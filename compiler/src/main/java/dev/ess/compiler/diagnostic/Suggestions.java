package dev.ess.compiler.diagnostic;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" by edit distance. */
public final class Suggestions {

    private Suggestions() {}

    /** The candidate closest to what was written, when it is close enough to be a likely typo. */
    public static Optional<String> closest(String written, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lowerWritten = written.toLowerCase(Locale.ROOT);
        for (String candidate : candidates.stream().sorted().toList()) {
            String lowerCandidate = candidate.toLowerCase(Locale.ROOT);
            int distance = distance(lowerWritten, lowerCandidate);
            // A missing suffix ("heartbeat" for "heartbeat_sec") is a likely slip however long it is.
            boolean prefix = lowerWritten.length() >= 3
                    && (lowerCandidate.startsWith(lowerWritten) || lowerWritten.startsWith(lowerCandidate));
            int allowed = Math.max(1, Math.min(lowerWritten.length(), lowerCandidate.length()) / 3);
            if ((distance <= allowed || prefix) && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** "did you mean 'x'?" or {@code null} when nothing is close. */
    public static String didYouMean(String written, Collection<String> candidates) {
        return closest(written, candidates).map(c -> "did you mean '" + c + "'?").orElse(null);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
