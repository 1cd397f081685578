package org.rnn4j.train;

/**
 * Stops training when the validation loss has not improved by more than {@code minDelta} for
 * {@code patience} validations in a row. Immutable.
 *
 * @param patience  validations without improvement before stopping, > 0
 * @param minDelta  the improvement that counts, >= 0
 */
public record EarlyStopping(int patience, double minDelta) {

    public EarlyStopping {
        if (patience <= 0) {
            throw new IllegalArgumentException("patience must be > 0, got " + patience);
        }
        if (!(minDelta >= 0 && Double.isFinite(minDelta))) {
            throw new IllegalArgumentException("minDelta must be finite and >= 0, got " + minDelta);
        }
    }

    public static EarlyStopping patience(int patience) {
        return new EarlyStopping(patience, 0);
    }

    public EarlyStopping minDelta(double newMinDelta) {
        return new EarlyStopping(patience, newMinDelta);
    }
}
