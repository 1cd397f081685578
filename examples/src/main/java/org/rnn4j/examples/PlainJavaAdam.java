package org.rnn4j.examples;

import java.util.ArrayList;
import java.util.List;

import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;

/** A small plain-Java Adam for the demo (β1 = 0.9, β2 = 0.999, ε = 1e-8). */
final class PlainJavaAdam {
    private final RnnWeights weights;
    private final float learningRate;
    private final List<float[]> m = new ArrayList<>();
    private final List<float[]> v = new ArrayList<>();
    private int t;

    PlainJavaAdam(RnnWeights weights, float learningRate) {
        this.weights = weights;
        this.learningRate = learningRate;
    }

    /** Updates the recurrent weights from their gradients, and the extra (readout) parameters from theirs. */
    void step(RnnWeights grads, float[]... paramsThenGrads) {
        t++;
        int slot = 0;
        List<Tensor> params = new ArrayList<>(weights.tensors().values());
        List<Tensor> gradients = new ArrayList<>(grads.tensors().values());
        for (int i = 0; i < params.size(); i++) {
            float[] p = params.get(i).toFloatArray();
            update(slot++, p, gradients.get(i).toFloatArray());
            params.get(i).copyFrom(p);
        }
        for (int i = 0; i < paramsThenGrads.length; i += 2) {
            update(slot++, paramsThenGrads[i], paramsThenGrads[i + 1]);
        }
    }

    private void update(int slot, float[] p, float[] g) {
        if (m.size() <= slot) {
            m.add(new float[p.length]);
            v.add(new float[p.length]);
        }
        float[] ms = m.get(slot), vs = v.get(slot);
        double c1 = 1 - Math.pow(0.9, t), c2 = 1 - Math.pow(0.999, t);
        for (int i = 0; i < p.length; i++) {
            ms[i] = 0.9f * ms[i] + 0.1f * g[i];
            vs[i] = 0.999f * vs[i] + 0.001f * g[i] * g[i];
            p[i] -= (float) (learningRate * (ms[i] / c1) / (Math.sqrt(vs[i] / c2) + 1e-8));
        }
    }
}
