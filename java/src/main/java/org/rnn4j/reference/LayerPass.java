package org.rnn4j.reference;

import java.util.Arrays;
import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;

/**
 * Runs one layer, all its directions, over a padded batch of variable-length sequences, and keeps each
 * step's {@link StepCache} for the backward. Sequence n only uses steps t &lt; lengths[n]; a reversed
 * direction starts at its own step lengths[n] − 1; outputs at padded steps are 0.
 */
final class LayerPass {
    private final RnnConfig config;
    private final CellStep cell;
    private final int layer;
    private final int steps;
    private final int batch;
    private final int[] lengths;
    /** [D]. */
    private final DirectionWeights[] weights;
    /** [D][T][N]; null at padded steps. */
    private final StepCache[][][] caches;

    LayerPass(RnnConfig config, CellStep cell, RnnParams params, int layer, int steps, int batch, int[] lengths) {
        this.config = config;
        this.cell = cell;
        this.layer = layer;
        this.steps = steps;
        this.batch = batch;
        this.lengths = lengths;
        int directions = config.directions();
        this.weights = new DirectionWeights[directions];
        for (int d = 0; d < directions; d++) {
            weights[d] = DirectionWeights.slice(params, layer, d);
        }
        this.caches = new StepCache[directions][steps][batch];
    }

    /**
     * @param input [T, N, Il]
     * @param h0    [L, D, N, S] or null (zeros)
     * @param c0    [L, D, N, H] or null (zeros; always null for non-LSTM)
     * @param hn    [L, D, N, S] receives this layer's final states
     * @param cn    [L, D, N, H] receives this layer's final cell states (LSTM only, else null)
     * @return the layer output [T, N, outputWidth]
     */
    double[] forward(double[] input, double[] h0, double[] c0, double[] hn, double[] cn) {
        int in = config.layerInputSize(layer);
        int width = config.outputWidth();
        int s = config.stateSize();
        int hs = config.hiddenSize();
        boolean lstm = config.cell().isLstm();
        double[] output = new double[steps * batch * width]; // [T, N, W]
        for (int d = 0; d < config.directions(); d++) {
            int column = outputColumn(d);
            for (int n = 0; n < batch; n++) {
                double[] h = initial(h0, d, n, s);
                double[] c = lstm ? initial(c0, d, n, hs) : null;
                for (int k = 0; k < lengths[n]; k++) {
                    int t = timeAt(d, n, k);
                    int row = t * batch + n;
                    double[] x = Arrays.copyOfRange(input, row * in, (row + 1) * in); // [Il]
                    StepCache step = cell.forward(weights[d], x, h, c);
                    caches[d][t][n] = step;
                    h = step.h;
                    c = step.c;
                    for (int i = 0; i < s; i++) {
                        output[row * width + column + i] += h[i];
                    }
                }
                System.arraycopy(h, 0, hn, stateOffset(d, n, s), s);
                if (lstm) {
                    System.arraycopy(c, 0, cn, stateOffset(d, n, hs), hs);
                }
            }
        }
        return output;
    }

    /**
     * Back-propagates through the saved steps, accumulating weight gradients into {@code grads}.
     *
     * @param dOutput [T, N, outputWidth] or null (zeros); read only at real steps
     * @param dHn     [L, D, N, S] or null (zeros)
     * @param dCn     [L, D, N, H] or null (zeros; always null for non-LSTM)
     * @param dh0     [L, D, N, S] receives this layer's gradient wrt h0
     * @param dc0     [L, D, N, H] receives this layer's gradient wrt c0 (LSTM only, else null)
     * @return the gradient wrt the layer input [T, N, Il], zero at padded steps
     */
    double[] backward(double[] dOutput, double[] dHn, double[] dCn, RnnParams grads, double[] dh0, double[] dc0) {
        int in = config.layerInputSize(layer);
        int width = config.outputWidth();
        int s = config.stateSize();
        int hs = config.hiddenSize();
        boolean lstm = config.cell().isLstm();
        double[] dInput = new double[steps * batch * in]; // [T, N, Il]
        for (int d = 0; d < config.directions(); d++) {
            int column = outputColumn(d);
            DirectionWeights dW = DirectionWeights.zeros(config, layer);
            for (int n = 0; n < batch; n++) {
                double[] dH = initial(dHn, d, n, s);
                double[] dC = lstm ? initial(dCn, d, n, hs) : null;
                for (int k = lengths[n] - 1; k >= 0; k--) {
                    int t = timeAt(d, n, k);
                    int row = t * batch + n;
                    double[] dHt = dH.clone(); // [S]
                    if (dOutput != null) {
                        for (int i = 0; i < s; i++) {
                            dHt[i] += dOutput[row * width + column + i];
                        }
                    }
                    double[] dx = new double[in]; // [Il]
                    double[] dHPrev = new double[s]; // [S]
                    double[] dCPrev = lstm ? new double[hs] : null; // [H]
                    cell.backward(weights[d], caches[d][t][n], dHt, dC, dW, dx, dHPrev, dCPrev);
                    for (int i = 0; i < in; i++) {
                        dInput[row * in + i] += dx[i];
                    }
                    dH = dHPrev;
                    dC = dCPrev;
                }
                System.arraycopy(dH, 0, dh0, stateOffset(d, n, s), s);
                if (lstm) {
                    System.arraycopy(dC, 0, dc0, stateOffset(d, n, hs), hs);
                }
            }
            dW.addInto(grads, layer, d);
        }
        return dInput;
    }

    /** The time index of the k-th step direction {@code d} processes for sequence {@code n}. */
    private int timeAt(int d, int n, int k) {
        return isReversed(d) ? lengths[n] - 1 - k : k;
    }

    private boolean isReversed(int d) {
        Direction dir = config.direction();
        return dir == Direction.RIGHT_TO_LEFT || (dir.count() == 2 && d == 1);
    }

    /** Where direction {@code d} writes in the output's last axis: after the forward half for concat. */
    private int outputColumn(int d) {
        return config.direction() == Direction.BIDIRECTIONAL_CONCAT ? d * config.stateSize() : 0;
    }

    /** Offset of (this layer, d, n) in an [L, D, N, width] state array. */
    private int stateOffset(int d, int n, int width) {
        return ((layer * config.directions() + d) * batch + n) * width;
    }

    /** A copy of the (this layer, d, n) slice of an [L, D, N, width] array, or zeros if it is null. */
    private double[] initial(double[] states, int d, int n, int width) {
        if (states == null) {
            return new double[width];
        }
        int offset = stateOffset(d, n, width);
        return Arrays.copyOfRange(states, offset, offset + width);
    }
}
