package org.rnn4j.train;

import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges each update against the medians of the recent loss and gradient norm, as {@link Divergence} says, and
 * logs: a WARN at the first flagged update of a run of them (and every 100th after), an INFO when an update is
 * back within bounds. Flagged values do not enter the windows.
 */
final class DivergenceWatch {
    private static final Logger LOG = LoggerFactory.getLogger(DivergenceWatch.class);
    private static final int WARN_EVERY = 100;

    private final Divergence config;
    private final Window losses;
    private final Window norms;
    /** Flagged updates in the current run of them (0: the last update was not flagged). */
    private long flaggedInARow;
    /** The last update before the current run of flagged ones (0: none). */
    private long lastGood;
    private long flagged;

    DivergenceWatch(Divergence config) {
        this.config = config;
        this.losses = new Window(config.window());
        this.norms = new Window(config.window());
    }

    Divergence config() {
        return config;
    }

    /** Flagged updates so far. */
    long flagged() {
        return flagged;
    }

    /** The last update that was not flagged before the current run of flagged ones (0: none). */
    long lastGood() {
        return lastGood;
    }

    /** Whether update {@code step} with this mean loss and gradient norm is diverged; remembers it either way. */
    boolean judge(long step, double loss, double norm) {
        String lossBeyond = losses.beyond(loss, config.factor());
        String normBeyond = norms.beyond(norm, config.factor());
        if (lossBeyond == null && normBeyond == null) {
            losses.add(loss);
            norms.add(norm);
            if (flaggedInARow > 0) {
                LOG.info("update {} is within {} × the recent medians again, after {} diverged updates", step,
                        config.factor(), flaggedInARow);
            }
            flaggedInARow = 0;
            lastGood = step;
            return false;
        }
        flagged++;
        flaggedInARow++;
        if (flaggedInARow % WARN_EVERY == 1) {
            String what = lossBeyond != null && normBeyond != null ? "loss " + lossBeyond + ", gradient norm "
                    + normBeyond : lossBeyond != null ? "loss " + lossBeyond : "gradient norm " + normBeyond;
            LOG.warn("update {} diverged ({} in a row): {}; {}", step, flaggedInARow, what, switch (config.action()) {
                case CONTINUE -> "going on";
                case STOP -> "stopping";
                case ROLL_BACK -> "rolling back";
            });
        }
        return true;
    }

    /** The last {@code capacity} accepted values, oldest overwritten first. */
    private static final class Window {
        private final double[] values;
        private int count;
        private int next;

        Window(int capacity) {
            this.values = new double[capacity];
        }

        void add(double value) {
            values[next] = value;
            next = (next + 1) % values.length;
            count = Math.min(count + 1, values.length);
        }

        /** Null when {@code value} is within {@code factor} × the median (or the window is not full), else why not. */
        String beyond(double value, double factor) {
            if (!Double.isFinite(value)) {
                return Double.toString(value);
            }
            if (count < values.length) {
                return null;
            }
            double median = median();
            if (median <= 0) {
                return null;                                     // a zero median cannot say what is large
            }
            return value <= factor * median ? null : value + " > " + factor + " × its median " + median + " over the last "
                    + values.length + " updates";
        }

        private double median() {
            double[] sorted = Arrays.copyOf(values, count);
            Arrays.sort(sorted);
            return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
        }
    }
}
