package org.rnn4j.rnn;

import java.util.Objects;

import org.rnn4j.RnnConfig;
import org.rnn4j.jvm.Forward;
import org.rnn4j.jvm.Gradients;
import org.rnn4j.jvm.ReferenceRnn;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * The pure-JVM engine: the same semantics as {@link NativeRnn}, computed by {@link ReferenceRnn}
 * (double precision internally, f32 tensors in and out). Used where no native library loads and as
 * the oracle in tests.
 */
public final class JvmRnn implements RnnEngine {
    private final RnnConfig config;
    private final ReferenceRnn reference;
    private boolean closed;

    public JvmRnn(RnnConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.reference = new ReferenceRnn(config);
    }

    @Override
    public RnnConfig config() {
        return config;
    }

    @Override
    public Backend backend() {
        return Backend.JVM;
    }

    @Override
    public RnnForward forward(Propagation propagation, RnnWeights weights, Tensor input, int[] lengths,
                              RnnState initial) {
        checkOpen();
        int[] tn = RnnChecks.forward(config, propagation, weights, input, lengths, initial);
        int steps = tn[0], batch = tn[1];
        Forward result = reference.forward(ReferenceParams.toParams(weights), ReferenceParams.toDouble(input), steps,
                batch, lengths, initial == null ? null : ReferenceParams.toDouble(initial.h()),
                initial == null || initial.c() == null ? null : ReferenceParams.toDouble(initial.c()));
        Tensor output = Tensor.zeros(Shape.of(steps, batch, config.outputWidth()));
        RnnState finalState = RnnState.zeros(config, batch);
        ReferenceParams.store(result.y(), output);
        ReferenceParams.store(result.hn(), finalState.h());
        if (finalState.c() != null) {
            ReferenceParams.store(result.cn(), finalState.c());
        }
        RnnForward fwd = new RnnForward(this, propagation, weights, input, lengths, initial, output, finalState, null);
        if (propagation == Propagation.TRAINING) {
            fwd.saved = result;
        }
        return fwd;
    }

    @Override
    public RnnBackward backward(RnnForward fwd, Tensor outputGradient, RnnState finalStateGradient,
                                RnnWeights weightGradients, GradientMode mode) {
        checkOpen();
        RnnChecks.backward(config, fwd, outputGradient, finalStateGradient, weightGradients, mode);
        if (fwd.engine != this) {
            throw new IllegalArgumentException("forward must come from this engine");
        }
        Gradients g = reference.backward((Forward) fwd.saved, ReferenceParams.toDouble(outputGradient),
                finalStateGradient == null ? null : ReferenceParams.toDouble(finalStateGradient.h()),
                finalStateGradient == null || finalStateGradient.c() == null ? null
                        : ReferenceParams.toDouble(finalStateGradient.c()));
        int batch = (int) fwd.input.shape().dim(1);
        Tensor inputGradient = Tensor.zeros(fwd.input.shape());
        RnnState initialGradient = RnnState.zeros(config, batch);
        ReferenceParams.store(g.dx(), inputGradient);
        ReferenceParams.store(g.dh0(), initialGradient.h());
        if (initialGradient.c() != null) {
            ReferenceParams.store(g.dc0(), initialGradient.c());
        }
        ReferenceParams.write(g.dParams(), weightGradients, mode == GradientMode.ACCUMULATE);
        return new RnnBackward(inputGradient, initialGradient);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("JvmRnn " + config + " is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
