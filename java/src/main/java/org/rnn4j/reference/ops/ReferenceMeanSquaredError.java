package org.rnn4j.reference.ops;

import org.rnn4j.Checks;

/**
 * Reference mean squared error of prediction [M, F] against target [M, F] with a row mask [M]
 * (null = all 1): sum_m mask[m] · sum_f (prediction − target)² / (F · max(sum(mask), 1)), in double.
 */
public final class ReferenceMeanSquaredError {
    private ReferenceMeanSquaredError() {
    }

    public static double loss(double[] prediction, double[] target, int features, double[] mask) {
        int rows = check(prediction, target, features, mask);
        double total = 0;
        for (int i = 0; i < prediction.length; i++) {
            double error = prediction[i] - target[i];
            double w = LossMask.weight(mask, i / features);
            if (w != 0) {
                total += w * error * error;
            }
        }
        return total / (features * LossMask.normaliser(mask, rows));
    }

    /** dPrediction [M, F] = lossGradient · 2 · mask[m] · (prediction − target) / (F · max(sum(mask), 1)). */
    public static double[] gradient(double[] prediction, double[] target, int features, double[] mask,
                                    double lossGradient) {
        int rows = check(prediction, target, features, mask);
        double normaliser = features * LossMask.normaliser(mask, rows);
        double[] dPrediction = new double[prediction.length];
        for (int i = 0; i < prediction.length; i++) {
            double w = LossMask.weight(mask, i / features);
            if (w != 0) {
                dPrediction[i] = lossGradient * 2 * w * (prediction[i] - target[i]) / normaliser;
            }
        }
        return dPrediction;
    }

    private static int check(double[] prediction, double[] target, int features, double[] mask) {
        int rows = Checks.rows("prediction", prediction, features);
        Checks.length("target", target, prediction.length);
        Checks.nullOrLength("mask", mask, rows);
        return rows;
    }
}
