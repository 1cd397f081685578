package org.rnn4j.rnn;


import org.rnn4j.RnnConfig;
import org.rnn4j.jvm.Forward;
import org.rnn4j.jvm.Gradients;
import org.rnn4j.jvm.ReferenceRnn;
import org.rnn4j.jvm.RnnParams;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * The pure-JVM engine: the same semantics as {@link NativeRnn}, computed by {@link ReferenceRnn}
 * (double precision internally, f32 tensors in and out). Used where no native library loads and as
 * the oracle in tests.
 */
public final class JvmRnn extends EngineBase {
    private final ReferenceRnn reference;
    private final LayeredReference layered;

    public JvmRnn(RnnConfig config) {
        super(config);
        this.reference = new ReferenceRnn(config);
        this.layered = config.dropout() > 0 && config.layers() > 1 ? new LayeredReference(config) : null;
    }

    @Override
    public Backend backend() {
        return Backend.JVM;
    }

    @Override
    RnnForward runForward(Propagation propagation, RnnWeights weights, Tensor input, int[] lengths, RnnState initial,
                          int steps, int batch, long dropoutSeed) {
        double[] x = ReferenceParams.toDouble(input);
        double[] h0 = initial == null ? null : ReferenceParams.toDouble(initial.h());
        double[] c0 = initial == null || initial.c() == null ? null : ReferenceParams.toDouble(initial.c());
        double[] y, hn, cn;
        Object saved;
        if (layered != null && propagation == Propagation.TRAINING) {
            LayeredReference.Pass pass = layered.forward(ReferenceParams.toParams(weights), x, steps, batch, lengths,
                    h0, c0, dropoutSeed);
            y = pass.y;
            hn = pass.hn;
            cn = pass.cn;
            saved = pass;
        } else {
            Forward result = reference.forward(ReferenceParams.toParams(weights), x, steps, batch, lengths, h0, c0);
            y = result.y();
            hn = result.hn();
            cn = result.cn();
            saved = result;
        }
        Tensor output = Tensor.zeros(Shape.of(steps, batch, config.outputWidth()));
        RnnState finalState = RnnState.zeros(config, batch);
        ReferenceParams.store(y, output);
        ReferenceParams.store(hn, finalState.h());
        if (finalState.c() != null) {
            ReferenceParams.store(cn, finalState.c());
        }
        RnnForward fwd = new RnnForward(this, propagation, weights, input, lengths, initial, output, finalState, null);
        if (propagation == Propagation.TRAINING) {
            fwd.saved = saved;
            fwd.dropoutSeed = dropoutSeed;
        }
        return fwd;
    }

    @Override
    RnnBackward runBackward(RnnForward fwd, Tensor outputGradient, RnnState finalStateGradient,
                            RnnWeights weightGradients, GradientMode mode) {
        double[] dY = ReferenceParams.toDouble(outputGradient);
        double[] dHn = finalStateGradient == null ? null : ReferenceParams.toDouble(finalStateGradient.h());
        double[] dCn = finalStateGradient == null || finalStateGradient.c() == null ? null
                : ReferenceParams.toDouble(finalStateGradient.c());
        double[] dx, dh0, dc0;
        RnnParams dParams;
        if (fwd.saved instanceof LayeredReference.Pass) {
            dParams = RnnParams.zeros(config);
            double[][] g = layered.backward((LayeredReference.Pass) fwd.saved, dY, dHn, dCn, dParams);
            dx = g[0];
            dh0 = g[1];
            dc0 = g[2];
        } else {
            Gradients g = reference.backward((Forward) fwd.saved, dY, dHn, dCn);
            dx = g.dx();
            dh0 = g.dh0();
            dc0 = g.dc0();
            dParams = g.dParams();
        }
        int batch = (int) fwd.input.shape().dim(1);
        Tensor inputGradient = Tensor.zeros(fwd.input.shape());
        RnnState initialGradient = RnnState.zeros(config, batch);
        ReferenceParams.store(dx, inputGradient);
        ReferenceParams.store(dh0, initialGradient.h());
        if (initialGradient.c() != null) {
            ReferenceParams.store(dc0, initialGradient.c());
        }
        ReferenceParams.write(dParams, weightGradients, mode == GradientMode.ACCUMULATE);
        return new RnnBackward(inputGradient, initialGradient);
    }

    @Override
    void release() {
        // nothing native to free
    }
}
