package org.rnn4j.reference;

import java.util.Arrays;
import org.rnn4j.CellKind;

/** h_t = act(W x + U h_{t-1} + b) with act = tanh, relu (alpha 0) or logistic sigmoid. */
final class VanillaCell implements CellStep {
    private final CellKind kind;

    VanillaCell(CellKind kind) {
        this.kind = kind;
    }

    @Override
    public StepCache forward(DirectionWeights w, double[] x, double[] hPrev, double[] cPrev) {
        int hs = w.hidden;
        double[] z = Arrays.copyOf(w.bias, hs); // [H] pre-activation
        RowTimesMatrix.forward(x, w.layer, hs, 0, hs, z);
        RowTimesMatrix.forward(hPrev, w.iter, hs, 0, hs, z);
        double[] h = new double[hs]; // [H]
        for (int j = 0; j < hs; j++) {
            h[j] = activate(z[j]);
        }
        return new StepCache(x, hPrev, null, h, h, null, null);
    }

    @Override
    public void backward(DirectionWeights w, StepCache s, double[] dHt, double[] dCt, DirectionWeights dW,
            double[] dx, double[] dHPrev, double[] dCPrev) {
        int hs = w.hidden;
        double[] dz = new double[hs]; // [H]
        for (int j = 0; j < hs; j++) {
            dz[j] = dHt[j] * gradient(s.h[j]);
            dW.bias[j] += dz[j];
        }
        RowTimesMatrix.backward(s.x, w.layer, hs, 0, hs, dz, dx, dW.layer);
        RowTimesMatrix.backward(s.hPrev, w.iter, hs, 0, hs, dz, dHPrev, dW.iter);
    }

    private double activate(double z) {
        switch (kind) {
            case RNN_TANH:
                return Activations.tanh(z);
            case RNN_RELU:
                return Activations.relu(z);
            case RNN_SIGMOID:
                return Activations.sigmoid(z);
            default:
                throw new IllegalStateException("not a vanilla cell: " + kind);
        }
    }

    /** Derivative of the activation given its output. */
    private double gradient(double out) {
        switch (kind) {
            case RNN_TANH:
                return Activations.tanhGrad(out);
            case RNN_RELU:
                return Activations.reluGrad(out);
            case RNN_SIGMOID:
                return Activations.sigmoidGrad(out);
            default:
                throw new IllegalStateException("not a vanilla cell: " + kind);
        }
    }
}
