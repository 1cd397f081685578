package org.rnn4j.reference;

import java.util.Random;
import org.rnn4j.CellKind;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;

/** Test helpers: the cell variants under test, random arrays and the scalar loss backward differentiates. */
final class Nets {
    static final int INPUT = 3;
    static final int HIDDEN = 3;
    static final int PROJECTION = 2;

    private Nets() {
    }

    /** Every cell flavour, with I = 3, H = 3 and P = 2. */
    enum Variant {
        RNN_TANH(CellKind.RNN_TANH, false, false),
        RNN_RELU(CellKind.RNN_RELU, false, false),
        RNN_SIGMOID(CellKind.RNN_SIGMOID, false, false),
        LSTM(CellKind.LSTM, false, false),
        LSTM_PEEPHOLE(CellKind.LSTM, true, false),
        LSTM_PROJECTION(CellKind.LSTM, false, true),
        LSTM_PEEPHOLE_PROJECTION(CellKind.LSTM, true, true),
        GRU(CellKind.GRU, false, false),
        LBR_GRU(CellKind.LBR_GRU, false, false);

        final CellKind cell;
        final boolean peephole;
        final boolean projection;

        Variant(CellKind cell, boolean peephole, boolean projection) {
            this.cell = cell;
            this.peephole = peephole;
            this.projection = projection;
        }

        RnnConfig config(Direction direction, int layers) {
            return RnnConfig.builder(cell, INPUT, HIDDEN).direction(direction).layers(layers)
                    .peephole(peephole).projection(projection ? PROJECTION : 0).build();
        }
    }

    /** Uniform in [-scale, scale]. */
    static double[] random(Random random, long size, double scale) {
        double[] a = new double[Math.toIntExact(size)];
        for (int i = 0; i < a.length; i++) {
            a[i] = scale * (2 * random.nextDouble() - 1);
        }
        return a;
    }

    /** Random h0 [L, D, N, S]. */
    static double[] randomH0(RnnConfig c, Random random, int batch) {
        return random(random, c.hiddenStateSize(batch), 0.8);
    }

    /** Random c0 [L, D, N, H] for LSTM, else null. */
    static double[] randomC0(RnnConfig c, Random random, int batch) {
        return c.cell().isLstm() ? random(random, c.cellStateSize(batch), 0.8) : null;
    }

    static double dot(double[] a, double[] b) {
        if (a == null || b == null) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** The loss whose gradient {@link ReferenceRnn#backward} returns: y·dY + hn·dHn + cn·dCn. */
    static double loss(Forward f, double[] dY, double[] dHn, double[] dCn) {
        return dot(f.y(), dY) + dot(f.hn(), dHn) + dot(f.cn(), dCn);
    }
}
