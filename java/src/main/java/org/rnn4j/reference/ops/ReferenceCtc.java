package org.rnn4j.reference.ops;

import java.util.ArrayList;
import java.util.List;

import org.rnn4j.Checks;

/**
 * Reference CTC by brute force: p(target) is the sum, over every one of the C^T paths of T classes, of the
 * product of the path's softmax probabilities, counting the paths that collapse to the target (repeats merged,
 * then blanks dropped). Exponential in T, so for tiny cases only (C^T at most 2^20); in double.
 */
public final class ReferenceCtc {
    private static final long MAX_PATHS = 1L << 20;

    private ReferenceCtc() {
    }

    /**
     * −log p(target | logits) of one sequence: logits [T, C] (one row per step, unnormalised), target labels in
     * [0, C) without the blank; +∞ when no path collapses to the target.
     */
    public static double loss(double[] logits, int classes, int[] target, int blank) {
        int steps = Checks.rows("logits", logits, classes);
        if (Math.pow(classes, steps) > MAX_PATHS) {
            throw new IllegalArgumentException("C^T must be at most 2^20 paths, got " + classes + "^" + steps);
        }
        double[] probabilities = softmax(logits, classes);
        int[] path = new int[steps];
        double total = 0;
        long paths = (long) Math.pow(classes, steps);
        for (long index = 0; index < paths; index++) {
            long rest = index;
            double p = 1;
            for (int t = 0; t < steps; t++) {
                path[t] = (int) (rest % classes);
                rest /= classes;
                p *= probabilities[t * classes + path[t]];
            }
            if (collapse(path, blank).equals(asList(target))) {
                total += p;
            }
        }
        return -Math.log(total);
    }

    /** The labels a path stands for: repeats merged, then blanks dropped. */
    public static List<Integer> collapse(int[] path, int blank) {
        List<Integer> out = new ArrayList<>();
        for (int t = 0; t < path.length; t++) {
            if (path[t] != blank && (t == 0 || path[t] != path[t - 1])) {
                out.add(path[t]);
            }
        }
        return out;
    }

    private static List<Integer> asList(int[] values) {
        List<Integer> out = new ArrayList<>(values.length);
        for (int v : values) {
            out.add(v);
        }
        return out;
    }

    private static double[] softmax(double[] logits, int classes) {
        double[] out = new double[logits.length];
        for (int row = 0; row < logits.length; row += classes) {
            double high = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                high = Math.max(high, logits[row + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += out[row + c] = Math.exp(logits[row + c] - high);
            }
            for (int c = 0; c < classes; c++) {
                out[row + c] /= sum;
            }
        }
        return out;
    }
}
