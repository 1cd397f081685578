package org.rnn4j.train;

/**
 * When {@link Trainer#fit} validates: after every {@code every}-th epoch (the default: every epoch), or
 * after every {@code every}-th update (counting updates before a resume, so update k·every is
 * validated however the run was split). Each validation counts once towards {@link EarlyStopping}'s
 * patience. Immutable.
 *
 * @param unit  what {@code every} counts
 * @param every epochs or updates between validations, > 0
 */
public record ValidationSchedule(Unit unit, long every) {

    /** What a validation interval counts. */
    public enum Unit {
        EPOCHS,
        STEPS
    }

    public ValidationSchedule {
        if (unit == null) {
            throw new IllegalArgumentException("unit must be EPOCHS or STEPS, got null");
        }
        if (every <= 0) {
            throw new IllegalArgumentException("validation interval must be > 0 "
                    + (unit == Unit.EPOCHS ? "epochs" : "updates") + ", got " + every);
        }
    }

    /** After every epoch. */
    public static ValidationSchedule everyEpoch() {
        return new ValidationSchedule(Unit.EPOCHS, 1);
    }

    /** After every {@code epochs}-th epoch. */
    public static ValidationSchedule everyEpochs(int epochs) {
        return new ValidationSchedule(Unit.EPOCHS, epochs);
    }

    /** After every {@code steps}-th update, and not at the end of epochs. */
    public static ValidationSchedule everySteps(long steps) {
        return new ValidationSchedule(Unit.STEPS, steps);
    }

    /** Whether a validation is due after update {@code step} (just made). */
    boolean dueAfterStep(long step) {
        return unit == Unit.STEPS && step % every == 0;
    }

    /** Whether a validation is due at the end of epoch {@code epoch} (from 0). */
    boolean dueAfterEpoch(int epoch) {
        return unit == Unit.EPOCHS && (epoch + 1) % every == 0;
    }
}
