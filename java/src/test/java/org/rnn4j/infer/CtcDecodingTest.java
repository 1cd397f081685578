package org.rnn4j.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rnn4j.reference.ops.ReferenceCtc;

/** Greedy and prefix beam decoding: hand cases, and beam search against the exhaustive best labelling. */
class CtcDecodingTest {

    @Test
    void greedyMergesRepeatsAndDropsBlanks() {
        // argmax per step: 1 1 0 1 2 2 0 → (1, 1, 2)
        int[] path = {1, 1, 0, 1, 2, 2, 0};
        float[][] p = new float[path.length][3];
        for (int t = 0; t < path.length; t++) {
            p[t][path[t]] = 0.8f;
            p[t][(path[t] + 1) % 3] = 0.2f;
        }
        assertArrayEquals(new int[] {1, 1, 2}, CtcDecoding.greedy(p, 0));
        assertArrayEquals(new int[] {1, 0, 1, 0}, CtcDecoding.greedy(p, 2), "another blank");
    }

    @Test
    void beamAddsThePathsOfALabelling() {
        // Best path blank-blank (0.36) decodes to nothing, but (1) has 0.16 + 0.24 + 0.24 = 0.64.
        float[][] p = {{0.6f, 0.4f}, {0.6f, 0.4f}};
        assertArrayEquals(new int[0], CtcDecoding.greedy(p, 0));
        assertArrayEquals(new int[] {1}, CtcDecoding.beam(p, 0, 4));
    }

    @Test
    void wideBeamFindsTheLikeliestLabelling() {
        Random random = new Random(5);
        int steps = 5, classes = 3;
        for (int trial = 0; trial < 30; trial++) {
            float[][] p = new float[steps][classes];
            for (float[] row : p) {
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += row[c] = (float) Math.exp(2 * random.nextGaussian());
                }
                for (int c = 0; c < classes; c++) {
                    row[c] /= (float) sum;
                }
            }
            assertArrayEquals(likeliestLabelling(p, 0), CtcDecoding.beam(p, 0, 1000), "trial " + trial);
        }
    }

    /** Sums every path's probability into its labelling and returns the likeliest. */
    private static int[] likeliestLabelling(float[][] p, int blank) {
        int steps = p.length, classes = p[0].length;
        Map<List<Integer>, Double> totals = new HashMap<>();
        int[] path = new int[steps];
        for (int index = 0; index < Math.pow(classes, steps); index++) {
            int rest = index;
            double prob = 1;
            for (int t = 0; t < steps; t++) {
                path[t] = rest % classes;
                rest /= classes;
                prob *= p[t][path[t]];
            }
            totals.merge(ReferenceCtc.collapse(path, blank), prob, Double::sum);
        }
        List<Integer> best = totals.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return best.stream().mapToInt(Integer::intValue).toArray();
    }
}
