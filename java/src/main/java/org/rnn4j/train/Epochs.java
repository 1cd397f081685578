package org.rnn4j.train;

import java.time.Duration;
import java.util.Objects;

/**
 * How long {@link Trainer#fit} trains: {@code count} epochs, stopping earlier once {@code maxSteps}
 * updates have been made in total (counting those before a resume) or once {@code maxTime} of wall
 * clock has passed in this fit, whichever comes first; {@link TrainingSummary#stopReason()} says which.
 * The limits are checked before each update, so a fit makes at least one update unless one is already
 * reached, and ends at most one update after its time is up. Immutable.
 *
 * @param count    epochs, > 0 ({@link Integer#MAX_VALUE} = no bound)
 * @param maxSteps a bound on the total updates, > 0 ({@link Long#MAX_VALUE} = none)
 * @param maxTime  a bound on the wall-clock time of one fit, > 0 ({@link #NO_TIME_LIMIT} = none)
 */
public record Epochs(int count, long maxSteps, Duration maxTime) {
    /** No bound on the time. */
    public static final Duration NO_TIME_LIMIT = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    public Epochs {
        if (count <= 0) {
            throw new IllegalArgumentException("epochs must be > 0, got " + count);
        }
        if (maxSteps <= 0) {
            throw new IllegalArgumentException("maxSteps must be > 0, got " + maxSteps);
        }
        Objects.requireNonNull(maxTime, "maxTime");
        if (maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("maxTime must be > 0, got " + maxTime);
        }
    }

    /** {@code count} epochs and at most {@code maxSteps} updates, without a time limit. */
    public Epochs(int count, long maxSteps) {
        this(count, maxSteps, NO_TIME_LIMIT);
    }

    /** {@code count} epochs, without a bound on updates or time. */
    public static Epochs of(int count) {
        return new Epochs(count, Long.MAX_VALUE);
    }

    /** As many epochs as fit in {@code time} of wall clock. */
    public static Epochs forTime(Duration time) {
        return new Epochs(Integer.MAX_VALUE, Long.MAX_VALUE, time);
    }

    /** As many epochs as fit in {@code minutes} minutes of wall clock. */
    public static Epochs minutes(long minutes) {
        return forTime(Duration.ofMinutes(minutes));
    }

    /** The same epochs, stopping after {@code steps} updates in total. */
    public Epochs maxSteps(long steps) {
        return new Epochs(count, steps, maxTime);
    }

    /** The same epochs, stopping once {@code time} of wall clock has passed in a fit. */
    public Epochs maxTime(Duration time) {
        return new Epochs(count, maxSteps, time);
    }

    /** maxTime in nanoseconds, saturated at {@link Long#MAX_VALUE}. */
    long maxNanos() {
        try {
            return maxTime.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
