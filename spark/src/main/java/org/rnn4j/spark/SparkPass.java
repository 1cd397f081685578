package org.rnn4j.spark;

import java.util.List;

import org.rnn4j.nn.LossValue;
import org.rnn4j.nn.Parameter;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.train.TrainingPass;

/**
 * A step's forward over the whole cluster: the global loss, and a backward that adds the gradient of the
 * global mean loss, Σ_p weight_p · gradient_p / Σ_p weight_p, to the driver's parameter gradients.
 */
final class SparkPass implements TrainingPass {
    private final ShardSum sum;
    private final List<Parameter> parameters;
    private final RnnState finalState;
    private boolean done;

    SparkPass(ShardSum sum, List<Parameter> parameters, RnnState finalState) {
        this.sum = sum;
        this.parameters = parameters;
        this.finalState = finalState;
    }

    @Override
    public LossValue loss() {
        return SparkModel.loss(sum);
    }

    @Override
    public void backward() {
        if (done) {
            throw new IllegalStateException("backward already ran for this pass");
        }
        done = true;
        double[][] sums = sum.gradients();
        if (sum.weight == 0 || sums == null) {
            return;
        }
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            float[] g = p.gradient().toFloatArray();
            double[] s = sums[i];
            for (int j = 0; j < g.length; j++) {
                g[j] += (float) (s[j] / sum.weight);
            }
            p.gradient().copyFrom(g);
        }
    }

    @Override
    public RnnState finalState() {
        if (finalState == null) {
            throw new IllegalStateException("no final state: the pass ran a whole batch (no truncated BPTT)");
        }
        return finalState;
    }
}
