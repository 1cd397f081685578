package org.rnn4j.train;

/**
 * How long {@link Trainer#fit} trains: {@code count} epochs, stopping earlier once {@code maxSteps}
 * updates have been made in total (counting those before a resume).
 *
 * @param count    epochs, > 0
 * @param maxSteps a bound on the total updates, > 0 ({@link Long#MAX_VALUE} = none)
 */
public record Epochs(int count, long maxSteps) {

    public Epochs {
        if (count <= 0) {
            throw new IllegalArgumentException("epochs must be > 0, got " + count);
        }
        if (maxSteps <= 0) {
            throw new IllegalArgumentException("maxSteps must be > 0, got " + maxSteps);
        }
    }

    public static Epochs of(int count) {
        return new Epochs(count, Long.MAX_VALUE);
    }

    /** The same epochs, stopping after {@code steps} updates in total. */
    public Epochs maxSteps(long steps) {
        return new Epochs(count, steps);
    }
}
