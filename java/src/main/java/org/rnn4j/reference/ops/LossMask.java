package org.rnn4j.reference.ops;

/** The optional per-row mask of the losses: a weight per row, and the normaliser it gives. */
final class LossMask {
    private LossMask() {
    }

    /** Mask weight of row m (1 without a mask). */
    static double weight(double[] mask, int m) {
        return mask == null ? 1.0 : mask[m];
    }

    /** max(sum of the mask, 1), the loss normaliser (rows without a mask); every weight finite and >= 0. */
    static double normaliser(double[] mask, int rows) {
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
}
