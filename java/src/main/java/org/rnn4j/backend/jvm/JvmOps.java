package org.rnn4j.backend.jvm;

import org.rnn4j.Checks;
import org.rnn4j.backend.DropoutMask;

/**
 * The JVM backend's f32 embedding, dropout, losses and clipping over flat float[] buffers, with librnn4j's
 * semantics (sums and the loss in double, as there). Rows are the leading dimensions of a [..., W] tensor.
 */
public final class JvmOps {
    private JvmOps() {
    }

    /** out [M, E] = the rows of table [V, E] picked by ids [M], each in [0, V). */
    public static float[] embedding(float[] table, int width, long[] ids) {
        int vocab = Checks.rows("table", table, width);
        Checks.ids("ids", ids, vocab, "V");
        float[] out = new float[ids.length * width];
        for (int m = 0; m < ids.length; m++) {
            System.arraycopy(table, (int) ids[m] * width, out, m * width, width);
        }
        return out;
    }

    /** tableGradient [V, E] += the rows of outputGradient [M, E] added at ids [M]. */
    public static void embeddingBackward(long[] ids, float[] outputGradient, int width, float[] tableGradient) {
        int vocab = Checks.rows("tableGradient", tableGradient, width);
        Checks.ids("ids", ids, vocab, "V");
        Checks.length("outputGradient", outputGradient, (long) ids.length * width);
        for (int m = 0; m < ids.length; m++) {
            int row = (int) ids[m] * width;
            for (int e = 0; e < width; e++) {
                tableGradient[row + e] += outputGradient[m * width + e];
            }
        }
    }

    /** values · {@link DropoutMask#factor} element by element: the forward, and the backward with the same mask. */
    public static float[] dropout(float[] values, DropoutMask mask) {
        Checks.notNull("mask", mask);
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            float factor = mask.factor(i);
            out[i] = factor == 0f ? 0f : values[i] * factor;
        }
        return out;
    }

    /** Σ_m mask[m] · (logsumexp(logits[m]) − logits[m, target]) / max(Σ mask, 1); mask [M] or null (all 1). */
    public static double crossEntropy(float[] logits, int classes, long[] targets, float[] mask) {
        int rows = checkLogits(logits, classes, targets, mask);
        double total = 0;
        for (int m = 0; m < rows; m++) {
            double w = weight(mask, m);
            if (w != 0) {
                total += w * (logSumExp(logits, m * classes, classes) - logits[m * classes + (int) targets[m]]);
            }
        }
        return total / normaliser(mask, rows);
    }

    /** dLogits [M, C] = lossGradient · mask[m] · (softmax(logits[m]) − onehot(target)) / max(Σ mask, 1). */
    public static float[] crossEntropyGradient(float[] logits, int classes, long[] targets, float[] mask,
                                               double lossGradient) {
        int rows = checkLogits(logits, classes, targets, mask);
        double scale = lossGradient / normaliser(mask, rows);
        float[] out = new float[logits.length];
        for (int m = 0; m < rows; m++) {
            double w = weight(mask, m);
            if (w == 0) {
                continue;
            }
            double lse = logSumExp(logits, m * classes, classes);
            for (int c = 0; c < classes; c++) {
                double softmax = Math.exp(logits[m * classes + c] - lse);
                out[m * classes + c] = (float) (scale * w * (softmax - (c == targets[m] ? 1 : 0)));
            }
        }
        return out;
    }

    /** Σ_m mask[m] · Σ_f (prediction − target)² / (F · max(Σ mask, 1)); mask [M] or null. */
    public static double meanSquaredError(float[] prediction, float[] target, int features, float[] mask) {
        int rows = checkPrediction(prediction, target, features, mask);
        double total = 0;
        for (int i = 0; i < prediction.length; i++) {
            double w = weight(mask, i / features);
            if (w != 0) {
                double error = (double) prediction[i] - target[i];
                total += w * error * error;
            }
        }
        return total / (features * normaliser(mask, rows));
    }

    /** dPrediction [M, F] = lossGradient · 2 · mask[m] · (prediction − target) / (F · max(Σ mask, 1)). */
    public static float[] meanSquaredErrorGradient(float[] prediction, float[] target, int features, float[] mask,
                                                   double lossGradient) {
        int rows = checkPrediction(prediction, target, features, mask);
        double scale = 2 * lossGradient / (features * normaliser(mask, rows));
        float[] out = new float[prediction.length];
        for (int i = 0; i < prediction.length; i++) {
            double w = weight(mask, i / features);
            if (w != 0) {
                out[i] = (float) (scale * w * ((double) prediction[i] - target[i]));
            }
        }
        return out;
    }

    /** Whether every element of every buffer is finite (no NaN, no infinity). */
    public static boolean allFinite(float[][] buffers) {
        for (float[] b : buffers) {
            for (float x : b) {
                if (!Float.isFinite(x)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Scales every buffer by maxNorm / norm when their global L2 norm (summed in double) is finite and above
     * maxNorm; returns the norm before clipping.
     */
    public static double clipByGlobalNorm(float[][] buffers, double maxNorm) {
        Checks.positive("maxNorm", maxNorm);
        double squares = 0;
        for (float[] buffer : buffers) {
            squares += sumOfSquares(buffer);
        }
        double norm = Math.sqrt(squares);
        if (Double.isFinite(norm) && norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (float[] buffer : buffers) {
                for (int i = 0; i < buffer.length; i++) {
                    buffer[i] *= scale;
                }
            }
        }
        return norm;
    }

    /**
     * Σ x² in double in librnn4j's order (cpp/src/ops/vector_loops.cpp): 8 interleaved partial sums, added
     * in lane order, then the tail — so both backends report the same norm.
     */
    static double sumOfSquares(float[] x) {
        double l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0, l6 = 0, l7 = 0;
        int k = 0;
        for (; k + 8 <= x.length; k += 8) {
            l0 += (double) x[k] * x[k];
            l1 += (double) x[k + 1] * x[k + 1];
            l2 += (double) x[k + 2] * x[k + 2];
            l3 += (double) x[k + 3] * x[k + 3];
            l4 += (double) x[k + 4] * x[k + 4];
            l5 += (double) x[k + 5] * x[k + 5];
            l6 += (double) x[k + 6] * x[k + 6];
            l7 += (double) x[k + 7] * x[k + 7];
        }
        double sum = l0 + l1 + l2 + l3 + l4 + l5 + l6 + l7;
        for (; k < x.length; k++) {
            sum += (double) x[k] * x[k];
        }
        return sum;
    }

    /** Clamps every element to [−maxValue, maxValue]; NaN stays NaN. */
    public static void clipByValue(float[][] buffers, double maxValue) {
        Checks.positive("maxValue", maxValue);
        float max = (float) maxValue;
        for (float[] buffer : buffers) {
            for (int i = 0; i < buffer.length; i++) {
                float v = buffer[i];
                buffer[i] = v > max ? max : v < -max ? -max : v;
            }
        }
    }

    private static double logSumExp(float[] values, int from, int count) {
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

    private static double weight(float[] mask, int m) {
        return mask == null ? 1.0 : mask[m];
    }

    /** max(Σ mask, 1); every weight finite and >= 0. */
    private static double normaliser(float[] mask, int rows) {
        double total = 0;
        for (int m = 0; m < rows; m++) {
            double w = weight(mask, m);
            if (!(Double.isFinite(w) && w >= 0)) {
                throw new IllegalArgumentException("mask[" + m + "] must be finite and >= 0, got " + w);
            }
            total += w;
        }
        return Math.max(total, 1.0);
    }

    private static int checkLogits(float[] logits, int classes, long[] targets, float[] mask) {
        int rows = Checks.rows("logits", logits, classes);
        if (targets == null || targets.length != rows) {
            throw new IllegalArgumentException("targets must have length M = " + rows + ", got "
                    + (targets == null ? "null" : targets.length));
        }
        Checks.ids("targets", targets, classes, "C");
        if (mask != null) {
            Checks.length("mask", mask, rows);
        }
        return rows;
    }

    private static int checkPrediction(float[] prediction, float[] target, int features, float[] mask) {
        int rows = Checks.rows("prediction", prediction, features);
        Checks.length("target", target, prediction.length);
        if (mask != null) {
            Checks.length("mask", mask, rows);
        }
        return rows;
    }
}
