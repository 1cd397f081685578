package org.rnn4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Tiny generated tasks the model tests train on. */
public final class Tasks {
    /** The repeating pattern of the language-model task: after a 0 comes 1 or 2, alternating. */
    public static final int[] PATTERN = {0, 1, 0, 2};

    private Tasks() {
    }

    /** {@code batches} batches of N sequences of the pattern from random phases, of length steps + 1. */
    public static List<TokenBatch> pattern(Random random, int batches, int n, int steps) {
        List<TokenBatch> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<int[]> sequences = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int phase = random.nextInt(PATTERN.length);
                int[] s = new int[steps + 1];
                for (int t = 0; t < s.length; t++) {
                    s[t] = PATTERN[(phase + t) % PATTERN.length];
                }
                sequences.add(s);
            }
            out.add(TokenBatch.nextToken(sequences));
        }
        return out;
    }
}
