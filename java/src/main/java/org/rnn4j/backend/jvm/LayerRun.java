package org.rnn4j.backend.jvm;

import org.rnn4j.Direction;
import org.rnn4j.RnnConfig;

/**
 * One layer, all its directions: each direction reads the same input; their outputs are concatenated
 * ([forward | reverse]) or summed into the layer output, 0 at padded steps.
 */
final class LayerRun {
    private final RnnConfig config;
    private final int layer;
    private final Packing packing;
    /** [D]. */
    private final DirectionRun[] directions;

    LayerRun(RnnConfig config, CellKernel cell, FloatParams params, int layer, Packing packing) {
        this.config = config;
        this.layer = layer;
        this.packing = packing;
        Direction direction = config.direction();
        this.directions = new DirectionRun[direction.count()];
        for (int d = 0; d < directions.length; d++) {
            boolean reverse = direction == Direction.RIGHT_TO_LEFT || d == 1;
            int column = direction == Direction.BIDIRECTIONAL_CONCAT ? d * config.stateSize() : 0;
            directions[d] = new DirectionRun(config, cell, WeightRows.slice(params, layer, d), packing,
                    reverse ? TimeOrder.REVERSE : TimeOrder.FORWARD, column);
        }
    }

    /**
     * @param input [T·N][Il] padded layer input
     * @param h0    [L, D, N, S] or null (zeros); c0 [L, D, N, H] or null
     * @param hn    [L, D, N, S] receives this layer's final states; cn [L, D, N, H] (LSTM, else null)
     * @return the layer output [T·N][W]
     */
    float[][] forward(float[][] input, float[] h0, float[] c0, float[] hn, float[] cn) {
        float[][] output = Rows.zeros(packing.steps() * packing.batch(), config.outputWidth()); // [T*N, W]
        for (int d = 0; d < directions.length; d++) {
            directions[d].forward(input, slot(h0, c0, d));
            directions[d].addOutput(output);
            directions[d].writeFinal(slot(hn, cn, d));
        }
        return output;
    }

    /**
     * @param dOutput [T·N][W] or null (zeros)
     * @param dHn     [L, D, N, S] or null (zeros); dCn [L, D, N, H] or null
     * @param grads   receives this layer's weight gradients (added)
     * @param dh0     [L, D, N, S] receives dL/dh0 of this layer; dc0 [L, D, N, H] (LSTM, else null)
     * @return the gradient wrt the layer input [T·N][Il], 0 at padded steps
     */
    float[][] backward(float[][] dOutput, float[] dHn, float[] dCn, FloatParams grads, float[] dh0, float[] dc0) {
        float[][] dInput = Rows.zeros(packing.steps() * packing.batch(), config.layerInputSize(layer)); // [T*N, Il]
        for (int d = 0; d < directions.length; d++) {
            GradientRows g = directions[d].backward(dOutput, slot(dHn, dCn, d), dInput, slot(dh0, dc0, d));
            g.addInto(grads, layer, d);
        }
        return dInput;
    }

    private StateSlot slot(float[] h, float[] c, int d) {
        return StateSlot.of(config, h, c, layer, d, packing.batch());
    }
}
