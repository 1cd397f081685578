package org.rnn4j.rnn;

import org.rnn4j.backend.DropoutMask;
import org.rnn4j.backend.Backend;
import org.rnn4j.Precision;
import org.rnn4j.RnnConfig;
import org.rnn4j.backend.onednn.NativePrecision;
import org.rnn4j.backend.jvm.FastForward;
import org.rnn4j.backend.jvm.FastGradients;
import org.rnn4j.backend.jvm.FastRnn;
import org.rnn4j.backend.jvm.LayerDropout;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * The pure-JVM engine: the same semantics as {@link NativeRnn}, computed in f32 by {@link FastRnn}
 * (batched GEMMs over packed sequences, on {@link FastRnn#threads()} threads), with the dropout masks between layers of
 * {@link DropoutMask}. Used where no native library loads and as the pure-JVM baseline in benchmarks;
 * {@link org.rnn4j.reference.ReferenceRnn} stays the test oracle of both.
 */
public final class JvmRnn extends EngineBase {
    private final FastRnn fast;

    /**
     * @throws IllegalArgumentException for {@link Precision#BF16}: bf16 is a native-only precision
     *         ({@link Precision#BF16_OR_F32} runs in f32 here, with one WARN log)
     */
    public JvmRnn(RnnConfig config) {
        super(config);
        if (config.precision() == Precision.BF16) {
            throw new IllegalArgumentException("precision BF16 is native-only: the JVM backend computes in f32 (use "
                    + "the native backend, Precision.F32, or Precision.BF16_OR_F32 to fall back), got " + config);
        }
        if (config.precision() == Precision.BF16_OR_F32) {
            NativePrecision.fallback("the JVM backend computes in f32");
        }
        this.fast = new FastRnn(config);
    }

    @Override
    public Backend backend() {
        return Backend.JVM;
    }

    @Override
    RnnForward runForward(Propagation propagation, RnnWeights weights, Tensor input, int[] lengths, RnnState initial,
                          int steps, int batch, long dropoutSeed, FinalStates finalStates) {
        // The reference computes the final state either way; the forward hides it under FinalStates.NONE.
        float[] h0 = initial == null ? null : initial.h().toFloatArray();
        float[] c0 = initial == null || initial.c() == null ? null : initial.c().toFloatArray();
        LayerDropout dropout = LayerDropout.NONE;
        if (propagation == Propagation.TRAINING && config.dropout() > 0 && config.layers() > 1) {
            DropoutMask[] masks = new DropoutMask[config.layers()];
            for (int layer = 0; layer < masks.length; layer++) {
                masks[layer] = DropoutMask.ofLayer((float) config.dropout(), dropoutSeed, layer);
            }
            dropout = (layer, position) -> masks[layer].factor(position);
        }
        FastForward result = fast.forward(FloatWeights.toParams(weights), input.toFloatArray(), steps, batch, lengths,
                h0, c0, dropout);
        Tensor output = Tensor.zeros(Shape.of(steps, batch, config.outputWidth()));
        RnnState finalState = RnnState.zeros(config, batch);
        output.copyFrom(result.y());
        finalState.h().copyFrom(result.hn());
        if (finalState.c() != null) {
            finalState.c().copyFrom(result.cn());
        }
        RnnForward fwd = new RnnForward(this, propagation, weights, input, lengths, initial, output, finalState, null);
        if (propagation == Propagation.TRAINING) {
            fwd.saved = result;
            fwd.dropoutSeed = dropoutSeed;
        }
        return fwd;
    }

    @Override
    RnnBackward runBackward(RnnForward fwd, Tensor outputGradient, RnnState finalStateGradient,
                            RnnWeights weightGradients, GradientMode mode) {
        float[] dHn = finalStateGradient == null ? null : finalStateGradient.h().toFloatArray();
        float[] dCn = finalStateGradient == null || finalStateGradient.c() == null ? null
                : finalStateGradient.c().toFloatArray();
        FastGradients g = fast.backward((FastForward) fwd.saved, outputGradient.toFloatArray(), dHn, dCn);
        int batch = (int) fwd.input.shape().dim(1);
        Tensor inputGradient = Tensor.zeros(fwd.input.shape());
        RnnState initialGradient = RnnState.zeros(config, batch);
        inputGradient.copyFrom(g.dx());
        initialGradient.h().copyFrom(g.dh0());
        if (initialGradient.c() != null) {
            initialGradient.c().copyFrom(g.dc0());
        }
        FloatWeights.write(g.dParams(), weightGradients, mode);
        return new RnnBackward(inputGradient, initialGradient);
    }

    @Override
    void release() {
        // nothing native to free
    }
}
