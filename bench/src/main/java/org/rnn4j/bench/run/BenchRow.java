package org.rnn4j.bench.run;

import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.Precision;
import org.rnn4j.RnnConfig;

/**
 * One benchmark row: a network (cell, layers, directions, I, H), a batch shape T, N, a mode and fixed or
 * variable lengths. FLOPs are counted on real steps: forward = Σ_steps N·2·G·H·(Il + H) per layer and
 * direction, backward = 2 × forward.
 *
 * @param shortenedFromT the T when quick mode runs this row on a shorter T, else 0
 * @param precision      the native kernels' precision (the JVM and scalar baselines run in f32 whatever it is)
 */
public record BenchRow(CellKind cell, Mode mode, Lengths lengths, int layers, int directions, int steps, int batch,
                       int input, int hidden, int shortenedFromT, Precision precision) {

    public BenchRow {
        Objects.requireNonNull(precision, "precision");
    }

    /** An f32 row. */
    public BenchRow(CellKind cell, Mode mode, Lengths lengths, int layers, int directions, int steps, int batch,
                    int input, int hidden, int shortenedFromT) {
        this(cell, mode, lengths, layers, directions, steps, batch, input, hidden, shortenedFromT, Precision.F32);
    }

    /** This row in {@code newPrecision}. */
    public BenchRow in(Precision newPrecision) {
        return new BenchRow(cell, mode, lengths, layers, directions, steps, batch, input, hidden, shortenedFromT,
                newPrecision);
    }

    /** The JSON name of the precision: f32 or bf16. */
    public String precisionKey() {
        return precision == Precision.F32 ? "f32" : "bf16";
    }

    /** Forward inference, or forward training + backward. */
    public enum Mode {
        INFERENCE, TRAINING;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Every sequence T long, or lengths uniform in [T/2, T] (seeded, the first sequence T long). */
    public enum Lengths {
        FIXED, VARIABLE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The JSON/table name of a cell: lstm, gru, lbr_gru, rnn_tanh, rnn_relu. */
    public String cellKey() {
        return cell.name().toLowerCase(Locale.ROOT);
    }

    public boolean variable() {
        return lengths == Lengths.VARIABLE;
    }

    /**
     * e.g. {@code lstm training 50,64,512 fixed} (+ {@code I=..}, {@code 2-layer bidirectional}, {@code bf16} when
     * not the default).
     */
    public String name() {
        StringBuilder s = new StringBuilder().append(cellKey()).append(' ').append(mode.key()).append(' ')
                .append(steps).append(',').append(batch).append(',').append(hidden).append(' ').append(lengths.key());
        if (input != hidden) {
            s.append(" I=").append(input);
        }
        if (layers > 1 || directions > 1) {
            s.append(' ').append(layers).append("-layer").append(directions == 2 ? " bidirectional" : "");
        }
        if (precision != Precision.F32) {
            s.append(' ').append(precisionKey());
        }
        return s.toString();
    }

    public RnnConfig config() {
        return RnnConfig.builder(cell, input, hidden).layers(layers)
                .direction(directions == 2 ? Direction.BIDIRECTIONAL_CONCAT : Direction.LEFT_TO_RIGHT)
                .precision(precision).build();
    }

    /** Lengths for a run over {@code t} steps: null when fixed, else uniform in [t/2, t] (seeded), the first = t. */
    public int[] lengths(int t) {
        if (!variable()) {
            return null;
        }
        SplittableRandom random = new SplittableRandom(7);
        int[] lengths = new int[batch];
        for (int n = 0; n < batch; n++) {
            lengths[n] = t / 2 + random.nextInt(t - t / 2 + 1);
        }
        lengths[0] = t;
        return lengths;
    }

    /** Σ lengths over T and N steps. */
    public long realSteps(int t) {
        int[] lengths = lengths(t);
        if (lengths == null) {
            return (long) t * batch;
        }
        long sum = 0;
        for (int l : lengths) {
            sum += l;
        }
        return sum;
    }

    /** Sum of lengths ÷ T·N (1 when fixed). */
    public double realFraction() {
        return realSteps(steps) / (double) ((long) steps * batch);
    }

    /** FLOPs of one sequence step (one of the N·T), all layers and directions, forward (+ backward). */
    public double flopsPerSequenceStep() {
        double f = 0;
        int g = cell.gates();
        for (int l = 0; l < layers; l++) {
            int il = l == 0 ? input : directions * hidden;
            f += directions * 2.0 * g * hidden * (il + hidden);
        }
        return mode == Mode.TRAINING ? 3 * f : f;
    }

    /** FLOPs of the row over {@code t} steps, counted on real steps. */
    public double flops(int t) {
        return realSteps(t) * flopsPerSequenceStep();
    }
}
