package org.rnn4j.nn;

import java.util.List;
import java.util.Objects;

import org.rnn4j.Precision;
import org.rnn4j.backend.Backend;
import org.rnn4j.backend.CtcInfinity;
import org.rnn4j.backend.CtcTargets;
import org.rnn4j.backend.DropoutMask;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.AdamW;
import org.rnn4j.optim.RmsProp;
import org.rnn4j.optim.Sgd;
import org.rnn4j.tensor.Tensor;

/**
 * The ops a layer, loss or optimizer needs, on one backend: {@link Backend#NATIVE} runs
 * {@code org.rnn4j.backend.onednn} (librnn4j, oneDNN), {@link Backend#JVM} runs the f32 kernels of
 * {@code org.rnn4j.backend.jvm}. Semantics are those of {@code org.rnn4j.backend.onednn};
 * gradients are always added to the given gradient tensors. Results are allocated in the current
 * {@link org.rnn4j.tensor.TensorScope}.
 */
public interface Kernels {

    /** The kernels of {@code backend}. */
    static Kernels of(Backend backend) {
        return Objects.requireNonNull(backend, "backend") == Backend.NATIVE ? NativeKernels.INSTANCE
                : JvmKernels.INSTANCE;
    }

    Backend backend();

    /** A fully connected op x [..., in] → [..., out] with weights [out, in], in f32; close it when done. */
    default LinearOp linear(int inFeatures, int outFeatures) {
        return linear(inFeatures, outFeatures, Precision.F32);
    }

    /**
     * A fully connected op computing in {@code precision} (tensors stay f32; see {@link Precision}): the native
     * backend runs bf16 matmuls; the JVM backend refuses {@link Precision#BF16} with IllegalArgumentException and
     * runs {@link Precision#BF16_OR_F32} in f32 (one WARN log).
     */
    LinearOp linear(int inFeatures, int outFeatures, Precision precision);

    /** The rows of {@code table} [V, E] picked by {@code ids}, shaped [idsShape..., E]. */
    Tensor embedding(Tensor table, long[] ids, long... idsShape);

    /** Adds each row of {@code outputGradient} [..., E] to row ids[m] of {@code tableGradient} [V, E]. */
    void embeddingBackward(long[] ids, Tensor outputGradient, Tensor tableGradient);

    Tensor dropout(Tensor x, DropoutMask mask);

    Tensor dropoutBackward(Tensor outputGradient, DropoutMask mask);

    /** Masked mean softmax cross-entropy of logits [..., C]; mask [...] or null. */
    double crossEntropy(Tensor logits, long[] targets, Tensor mask);

    Tensor crossEntropyGradient(Tensor logits, long[] targets, Tensor mask, double lossGradient);

    /** CTC losses [N] of logits [T, N, C] against {@code targets}, one per sequence (see {@link CtcLoss}). */
    double[] ctcLosses(Tensor logits, CtcTargets targets, CtcInfinity infinity);

    /** dLogits [T, N, C] = Σ_n lossGradients[n] · ∂ctcLosses[n]/∂logits. */
    Tensor ctcGradient(Tensor logits, CtcTargets targets, CtcInfinity infinity, double[] lossGradients);

    /** Masked mean squared error of prediction [..., F] against target; mask [...] or null. */
    double meanSquaredError(Tensor prediction, Tensor target, Tensor mask);

    Tensor meanSquaredErrorGradient(Tensor prediction, Tensor target, Tensor mask, double lossGradient);

    /** Scales the tensors so that their global L2 norm is at most maxNorm; returns the norm before. */
    double clipByGlobalNorm(List<Tensor> gradients, double maxNorm);

    void clipByValue(List<Tensor> gradients, double maxValue);

    /** Whether every element of every tensor is finite (no NaN, no infinity); reads only. */
    boolean allFinite(List<Tensor> tensors);

    void sgd(Sgd config, Tensor params, Tensor grads, Tensor velocity);

    void adam(Adam config, long step, Tensor params, Tensor grads, Tensor firstMoment, Tensor secondMoment);

    void adamW(AdamW config, long step, Tensor params, Tensor grads, Tensor firstMoment, Tensor secondMoment);

    void rmsProp(RmsProp config, Tensor params, Tensor grads, Tensor squareAverage, Tensor momentumBuffer);
}
