package org.rnn4j.backend.jvm;

import org.rnn4j.RnnConfig;

/**
 * One direction of one layer over packed sequences: the input projection of every step as one GEMM
 * ([R, Il] × [Il, G·H]), then per step the cell's recurrent GEMM and fused gate pass over the running
 * prefix of the batch; backward likewise, with dW_layer, dx and the recurrent weight gradients as GEMMs
 * over all packed rows at the end.
 */
final class DirectionRun {
    private final RnnConfig config;
    private final CellKernel cell;
    private final WeightRows weights;
    private final Packing packing;
    /** [R] the padded row t·N + n of every packed row. */
    private final int[] padded;
    /** First column of this direction in the layer output. */
    private final int column;
    private Trace trace;

    DirectionRun(RnnConfig config, CellKernel cell, WeightRows weights, Packing packing, TimeOrder order,
            int column) {
        this.config = config;
        this.cell = cell;
        this.weights = weights;
        this.packing = packing;
        this.padded = packing.paddedRows(order);
        this.column = column;
    }

    /**
     * @param input   [T·N][Il] padded layer input (rows kept, not copied, for backward)
     * @param initial this direction's slot of h0, c0
     */
    void forward(float[][] input, StateSlot initial) {
        int batch = packing.batch();
        int rows = packing.rows();
        trace = new Trace(config, packing, Rows.gather(input, padded));
        for (int i = 0; i < batch; i++) {
            initial.readH(packing.sequence(i), trace.h[i]);
            if (trace.c != null) {
                initial.readC(packing.sequence(i), trace.c[i]);
            }
        }
        int width = weights.gateWidth;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(weights.bias, 0, trace.gates[r], 0, width);
        }
        Gemm.multAdd(Rows.of(trace.x, 0), Rows.of(weights.layer, 0), Rows.of(trace.gates, 0), rows, weights.input,
                0, width); // [R, G*H] += [R, Il] x [Il, G*H]
        for (int k = 0; k < packing.longest(); k++) {
            cell.forward(weights, trace, Step.of(packing, k));
        }
    }

    /** Adds h_t of every packed row into its padded row of {@code output} [T·N][W], from {@link #column}. */
    void addOutput(float[][] output) {
        int batch = packing.batch();
        int s = weights.state;
        for (int r = 0; r < padded.length; r++) {
            float[] h = trace.h[batch + r];
            float[] out = output[padded[r]];
            for (int j = 0; j < s; j++) {
                out[column + j] += h[j];
            }
        }
    }

    /** Writes every sequence's state after its own last step. */
    void writeFinal(StateSlot last) {
        int batch = packing.batch();
        for (int i = 0; i < batch; i++) {
            int row = batch + packing.lastRow(i);
            last.writeH(packing.sequence(i), trace.h[row]);
            if (trace.c != null) {
                last.writeC(packing.sequence(i), trace.c[row]);
            }
        }
    }

    /**
     * Back-propagates through the saved trace.
     *
     * @param dOutput  [T·N][W] padded output gradient, or null for zeros
     * @param dFinal   this direction's slot of dHn, dCn
     * @param dInput   [T·N][Il] padded input gradient, added to
     * @param dInitial receives this direction's dL/dh0, dL/dc0
     * @return the gradients of this direction's weights
     */
    GradientRows backward(float[][] dOutput, StateSlot dFinal, float[][] dInput, StateSlot dInitial) {
        int batch = packing.batch();
        int rows = packing.rows();
        int s = weights.state;
        Deltas d = new Deltas(config, packing);
        GradientRows g = new GradientRows(config, weights);
        for (int i = 0; i < batch; i++) {
            dFinal.readH(packing.sequence(i), d.carryH[i]);
            if (d.carryC != null) {
                dFinal.readC(packing.sequence(i), d.carryC[i]);
            }
        }
        for (int k = packing.longest() - 1; k >= 0; k--) {
            Step step = Step.of(packing, k);
            for (int i = 0; i < step.rows; i++) {
                float[] dHt = d.dHt[step.packed + i]; // [S]
                float[] carry = d.carryH[i]; // [S]
                float[] dOut = dOutput == null ? null : dOutput[padded[step.packed + i]];
                for (int j = 0; j < s; j++) {
                    dHt[j] = carry[j] + (dOut == null ? 0f : dOut[column + j]);
                }
            }
            cell.backward(weights, trace, d, g, step);
        }
        for (int i = 0; i < batch; i++) {
            dInitial.writeH(packing.sequence(i), d.carryH[i]);
            if (d.carryC != null) {
                dInitial.writeC(packing.sequence(i), d.carryC[i]);
            }
        }
        int width = weights.gateWidth;
        Rows.addColumnSums(Rows.of(d.dGates, 0), rows, width, g.bias, 0);
        Gemm.multAddTransA(Rows.of(trace.x, 0), Rows.of(d.dGates, 0), Rows.of(g.layer, 0), weights.input, rows, 0,
                width); // [Il, G*H] += [R, Il]^T x [R, G*H]
        Gemm.multAdd(Rows.of(d.dGates, 0), Rows.of(weights.layerTransposed(), 0),
                Rows.of(Rows.gather(dInput, padded), 0), rows, width, 0, weights.input); // [R, Il] += [R, G*H] x [G*H, Il]
        cell.weightGradients(weights, trace, d, g, previousStates());
        return g;
    }

    /** [R][S] h_{t−1} of every packed row (references into the trace). */
    private float[][] previousStates() {
        float[][] hPrev = new float[packing.rows()][];
        for (int k = 0; k < packing.longest(); k++) {
            Step step = Step.of(packing, k);
            for (int i = 0; i < step.rows; i++) {
                hPrev[step.packed + i] = trace.h[step.prev + i];
            }
        }
        return hPrev;
    }
}
