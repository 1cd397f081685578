package org.rnn4j.interop;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.rnn4j.RnnConfig;
import org.rnn4j.io.HostArray;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.rnn.Propagation;
import org.rnn4j.rnn.RnnBackward;
import org.rnn4j.rnn.RnnEngine;
import org.rnn4j.rnn.RnnEngines;
import org.rnn4j.rnn.RnnForward;
import org.rnn4j.rnn.RnnState;
import org.rnn4j.rnn.RnnWeights;
import org.rnn4j.tensor.Tensor;
import org.rnn4j.tensor.TensorScope;

/** Runs a {@link TorchCase} through rnn4j: import the state_dict, forward, backward of L = sum(Y · DY), export. */
final class Rnn4jRun {
    /** Output [T_out, N, O], h_n, c_n (PyTorch shapes) and every gradient by PyTorch name plus input/h0/c0. */
    record Outputs(double[] output, double[] hn, double[] cn, Map<String, double[]> grads) {
    }

    private Rnn4jRun() {
    }

    static Outputs run(TorchCase c, Backend backend) {
        try (TensorScope scope = TensorScope.open()) {
            RnnWeights weights = TorchRnnLayout.importStateDict(c.cell, c.stateDict());
            RnnConfig config = weights.config();
            try (RnnEngine engine = RnnEngines.create(config, backend)) {
                Tensor x = Tensor.of(TorchCase.toFloat(c.x), c.steps, c.batch, c.inputSize);
                RnnState initial = new RnnState(
                        Tensor.of(TorchCase.toFloat(c.h0), RnnState.hiddenShape(config, c.batch).dims()),
                        c.c0 == null ? null
                                : Tensor.of(TorchCase.toFloat(c.c0), RnnState.cellShape(config, c.batch).dims()));
                RnnForward fwd = engine.forward(Propagation.TRAINING, weights, x, c.lengths, initial);
                int width = config.outputWidth();
                double[] y = TorchCase.toDouble(fwd.output().toFloatArray());
                double[] dy = Arrays.copyOf(c.dy, c.steps * c.batch * width);
                RnnWeights grads = RnnWeights.zeros(config);
                RnnBackward back = engine.backward(fwd, Tensor.of(TorchCase.toFloat(dy), c.steps, c.batch, width), null,
                        grads, GradientMode.OVERWRITE);
                Map<String, double[]> g = new LinkedHashMap<>();
                g.put("input", TorchCase.toDouble(back.inputGradient().toFloatArray()));
                g.put("h0", TorchCase.toDouble(back.initialStateGradient().h().toFloatArray()));
                if (c.c0 != null) {
                    g.put("c0", TorchCase.toDouble(back.initialStateGradient().c().toFloatArray()));
                }
                for (Map.Entry<String, HostArray> e : TorchRnnLayout.exportGradients(grads).entrySet()) {
                    g.put(e.getKey(), TorchCase.toDouble(e.getValue().floats()));
                }
                return new Outputs(Arrays.copyOf(y, c.outputSteps() * c.batch * width),
                        TorchCase.toDouble(fwd.finalState().h().toFloatArray()),
                        fwd.finalState().c() == null ? null : TorchCase.toDouble(fwd.finalState().c().toFloatArray()),
                        g);
            }
        }
    }
}
