package org.rnn4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.rnn4j.data.SequenceBatch;

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

    /** N sequences of one feature uniform in [−1, 1), of lengths in [minLength, maxLength]. */
    static List<float[][]> sequences(Random random, int n, int minLength, int maxLength, int features) {
        List<float[][]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[][] s = new float[minLength + random.nextInt(maxLength - minLength + 1)][features];
            for (float[] step : s) {
                for (int f = 0; f < features; f++) {
                    step[f] = (float) (random.nextDouble() * 2 - 1);
                }
            }
            out.add(s);
        }
        return out;
    }

    /** Sum of every value of a sequence. */
    static double sum(float[][] sequence) {
        double total = 0;
        for (float[] step : sequence) {
            for (float v : step) {
                total += v;
            }
        }
        return total;
    }

    /** Batches labelled 1 when the sum of the sequence is positive, else 0; variable lengths. */
    static List<ClassificationBatch> signOfSum(Random random, int batches, int n, int minLength, int maxLength) {
        List<ClassificationBatch> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<float[][]> s = sequences(random, n, minLength, maxLength, 1);
            long[] labels = new long[n];
            for (int i = 0; i < n; i++) {
                labels[i] = sum(s.get(i)) > 0 ? 1 : 0;
            }
            out.add(new ClassificationBatch(SequenceBatch.of(s), labels));
        }
        return out;
    }

    /** Fraction of sequences the classifier labels correctly. */
    static double accuracy(SequenceClassifier model, List<ClassificationBatch> batches) {
        int right = 0, total = 0;
        for (ClassificationBatch b : batches) {
            int[] predicted = model.predict(b.sequences());
            long[] labels = b.labels();
            for (int i = 0; i < labels.length; i++) {
                right += predicted[i] == labels[i] ? 1 : 0;
                total++;
            }
        }
        return right / (double) total;
    }
}
