package org.rnn4j.train;

/**
 * Stops training when the validation loss has not improved by more than {@code minDelta} for
 * {@code patience} validations in a row; with {@link Weights#BEST}, the trainer keeps a copy of the
 * parameters at the best validation and writes it back into the model when it stops. Immutable.
 *
 * @param patience validations without improvement before stopping, > 0
 * @param minDelta the improvement that counts, >= 0
 * @param weights  which parameters the model holds when early stopping ends training
 */
public record EarlyStopping(int patience, double minDelta, Weights weights) {

    /** The parameters a model keeps when early stopping ends training. */
    public enum Weights {
        /** Those of the last update. */
        LAST,
        /** Those at the best validation, restored bit for bit. */
        BEST
    }

    public EarlyStopping {
        if (patience <= 0) {
            throw new IllegalArgumentException("patience must be > 0, got " + patience);
        }
        if (!(minDelta >= 0 && Double.isFinite(minDelta))) {
            throw new IllegalArgumentException("minDelta must be finite and >= 0, got " + minDelta);
        }
        if (weights == null) {
            throw new IllegalArgumentException("weights must be LAST or BEST, got null");
        }
    }

    /** Keeping the last weights. */
    public EarlyStopping(int patience, double minDelta) {
        this(patience, minDelta, Weights.LAST);
    }

    /** Stops after {@code patience} validations without improvement, any improvement counting, keeping the last weights. */
    public static EarlyStopping patience(int patience) {
        return new EarlyStopping(patience, 0);
    }

    /** The same, counting only improvements by more than {@code newMinDelta}. */
    public EarlyStopping minDelta(double newMinDelta) {
        return new EarlyStopping(patience, newMinDelta, weights);
    }

    /** The same, restoring the parameters of the best validation when it stops. */
    public EarlyStopping restoreBestWeights() {
        return new EarlyStopping(patience, minDelta, Weights.BEST);
    }
}
