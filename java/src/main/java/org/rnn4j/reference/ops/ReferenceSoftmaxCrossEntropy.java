package org.rnn4j.reference.ops;

import org.rnn4j.Checks;

/**
 * Reference softmax cross-entropy of logits [M, C] against targets [M] with a row mask [M] (null =
 * all 1): sum_m mask[m] · (logsumexp(logits[m]) − logits[m, target]) / max(sum(mask), 1), in double.
 */
public final class ReferenceSoftmaxCrossEntropy {
    private ReferenceSoftmaxCrossEntropy() {
    }

    public static double loss(double[] logits, int classes, long[] targets, double[] mask) {
        int rows = check(logits, classes, targets, mask);
        double total = 0;
        for (int m = 0; m < rows; m++) {
            double w = LossMask.weight(mask, m);
            if (w != 0) {
                total += w * (logSumExp(logits, m * classes, classes) - logits[m * classes + (int) targets[m]]);
            }
        }
        return total / LossMask.normaliser(mask, rows);
    }

    /** dLogits [M, C] = lossGradient · mask[m] · (softmax(logits[m]) − onehot(target)) / max(sum(mask), 1). */
    public static double[] gradient(double[] logits, int classes, long[] targets, double[] mask, double lossGradient) {
        int rows = check(logits, classes, targets, mask);
        double normaliser = LossMask.normaliser(mask, rows);
        double[] dLogits = new double[logits.length];
        for (int m = 0; m < rows; m++) {
            double w = LossMask.weight(mask, m);
            if (w == 0) {
                continue;
            }
            double lse = logSumExp(logits, m * classes, classes);
            for (int c = 0; c < classes; c++) {
                double softmax = Math.exp(logits[m * classes + c] - lse);
                double oneHot = c == targets[m] ? 1 : 0;
                dLogits[m * classes + c] = lossGradient * w / normaliser * (softmax - oneHot);
            }
        }
        return dLogits;
    }

    /** log sum exp of row [from, from + count), stable: max + log sum exp(v − max). */
    static double logSumExp(double[] values, int from, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < count; c++) {
            max = Math.max(max, values[from + c]);
        }
        double sum = 0;
        for (int c = 0; c < count; c++) {
            sum += Math.exp(values[from + c] - max);
        }
        return max + Math.log(sum);
    }

    private static int check(double[] logits, int classes, long[] targets, double[] mask) {
        int rows = Checks.rows("logits", logits, classes);
        if (targets == null || targets.length != rows) {
            throw new IllegalArgumentException("targets must have length M = " + rows + ", got "
                    + (targets == null ? "null" : targets.length));
        }
        Checks.ids("targets", targets, classes, "C");
        Checks.nullOrLength("mask", mask, rows);
        return rows;
    }
}
