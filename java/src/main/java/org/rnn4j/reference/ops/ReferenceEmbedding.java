package org.rnn4j.reference.ops;

import java.util.Arrays;

import org.rnn4j.Checks;
import org.rnn4j.rnn.GradientMode;

/** Reference embedding lookup on a flat table [V, E], in double. */
public final class ReferenceEmbedding {
    /** Padding id meaning "none". */
    public static final long NO_PADDING = -1;

    private ReferenceEmbedding() {
    }

    /** out [M, E] = the rows of table [V, E] picked by ids [M], each in [0, V). */
    public static double[] forward(double[] table, int width, long[] ids) {
        int vocab = Checks.rows("table", table, width);
        Checks.ids("ids", ids, vocab, "V");
        double[] out = new double[ids.length * width];
        for (int m = 0; m < ids.length; m++) {
            System.arraycopy(table, (int) ids[m] * width, out, m * width, width);
        }
        return out;
    }

    /**
     * dTable [V, E] = (or +=, per mode) the rows of dOut [M, E] added at ids [M]; rows whose id is
     * {@code paddingId} add nothing.
     */
    public static void backward(long[] ids, double[] dOut, int width, double[] dTable, GradientMode mode,
                                long paddingId) {
        int vocab = Checks.rows("dTable", dTable, width);
        Checks.ids("ids", ids, vocab, "V");
        Checks.length("dOut", dOut, (long) ids.length * width);
        if (mode == GradientMode.OVERWRITE) {
            Arrays.fill(dTable, 0);
        }
        for (int m = 0; m < ids.length; m++) {
            if (ids[m] == paddingId) {
                continue;
            }
            int row = (int) ids[m] * width;
            for (int e = 0; e < width; e++) {
                dTable[row + e] += dOut[m * width + e];
            }
        }
    }
}
