package org.rnn4j.train.optim;

/**
 * A learning-rate schedule: the factor by which update number {@code step} (from 0) scales the
 * optimizer's base learning rate. Immutable; composable: {@code Schedule.linearWarmup(100).then(
 * Schedule.cosine(900, 0.1))} warms up over 100 updates, then decays along a cosine over 900.
 */
public sealed interface Schedule permits Schedule.Constant, Schedule.StepDecay, Schedule.Cosine, Schedule.LinearWarmup {

    /** Factor of the base learning rate at update {@code step} >= 0. */
    double factor(long step);

    /** Always 1. */
    static Schedule constant() {
        return new Constant();
    }

    /** gamma^floor(step / every): multiplied by gamma every {@code every} updates. */
    static Schedule step(long every, double gamma) {
        return new StepDecay(every, gamma);
    }

    /** From 1 down to {@code floor} along half a cosine over {@code steps} updates, then {@code floor}. */
    static Schedule cosine(long steps, double floor) {
        return new Cosine(steps, floor);
    }

    /** (step + 1) / steps for the first {@code steps} updates, then 1; see {@link LinearWarmup#then}. */
    static LinearWarmup linearWarmup(long steps) {
        return new LinearWarmup(steps, new Constant());
    }

    /** 1. */
    record Constant() implements Schedule {
        @Override
        public double factor(long step) {
            return 1;
        }
    }

    /**
     * Step decay.
     *
     * @param every updates between decays, > 0
     * @param gamma factor per decay, in (0, 1]
     */
    record StepDecay(long every, double gamma) implements Schedule {
        public StepDecay {
            if (every <= 0) {
                throw new IllegalArgumentException("every must be > 0, got " + every);
            }
            if (!(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
            }
        }

        @Override
        public double factor(long step) {
            return Math.pow(gamma, step / every);
        }
    }

    /**
     * Cosine decay.
     *
     * @param steps updates until the floor, > 0
     * @param floor the final factor, in [0, 1]
     */
    record Cosine(long steps, double floor) implements Schedule {
        public Cosine {
            if (steps <= 0) {
                throw new IllegalArgumentException("steps must be > 0, got " + steps);
            }
            if (!(floor >= 0 && floor <= 1)) {
                throw new IllegalArgumentException("floor must be in [0, 1], got " + floor);
            }
        }

        @Override
        public double factor(long step) {
            double progress = Math.min(step, steps) / (double) steps;
            return floor + (1 - floor) * (1 + Math.cos(Math.PI * progress)) / 2;
        }
    }

    /**
     * Linear warm-up: (step + 1) / steps for step &lt; steps, then {@code after} counted from 0.
     *
     * @param steps warm-up updates, > 0
     * @param after the schedule after the warm-up
     */
    record LinearWarmup(long steps, Schedule after) implements Schedule {
        public LinearWarmup {
            if (steps <= 0) {
                throw new IllegalArgumentException("warm-up steps must be > 0, got " + steps);
            }
            if (after == null) {
                throw new IllegalArgumentException("after must not be null");
            }
        }

        /** This warm-up, then {@code next} (whose step 0 is the first update after the warm-up). */
        public LinearWarmup then(Schedule next) {
            return new LinearWarmup(steps, next);
        }

        @Override
        public double factor(long step) {
            return step < steps ? (step + 1) / (double) steps : after.factor(step - steps);
        }
    }
}
