package org.rnn4j.examples.speech;

/**
 * Digit error rate and sequence accuracy over decoded digit strings: the Levenshtein distance (substitutions,
 * insertions, deletions) of each hypothesis to its reference, summed and divided by the reference digits; and
 * the share of utterances decoded exactly.
 */
final class DigitErrors {
    private long edits;
    private long referenceDigits;
    private long exact;
    private long utterances;

    void add(int[] reference, int[] hypothesis) {
        int distance = distance(reference, hypothesis);
        edits += distance;
        referenceDigits += reference.length;
        exact += distance == 0 ? 1 : 0;
        utterances++;
    }

    double errorRate() {
        return referenceDigits == 0 ? Double.NaN : (double) edits / referenceDigits;
    }

    double sequenceAccuracy() {
        return utterances == 0 ? Double.NaN : (double) exact / utterances;
    }

    static int distance(int[] a, int[] b) {
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            current[0] = i;
            for (int j = 1; j <= b.length; j++) {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length];
    }
}
