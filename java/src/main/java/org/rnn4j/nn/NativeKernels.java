package org.rnn4j.nn;

import java.util.List;

import org.rnn4j.backend.CtcInfinity;
import org.rnn4j.backend.CtcTargets;
import org.rnn4j.backend.DropoutMask;
import org.rnn4j.backend.onednn.NativeCtc;
import org.rnn4j.backend.onednn.NativeClipping;
import org.rnn4j.backend.onednn.NativeDropout;
import org.rnn4j.backend.onednn.NativeEmbedding;
import org.rnn4j.backend.onednn.NativeLinear;
import org.rnn4j.Precision;
import org.rnn4j.backend.onednn.NativeLosses;
import org.rnn4j.backend.onednn.NativeOptimizers;
import org.rnn4j.backend.Backend;
import org.rnn4j.rnn.GradientMode;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.AdamW;
import org.rnn4j.optim.RmsProp;
import org.rnn4j.optim.Sgd;
import org.rnn4j.tensor.Tensor;

/** {@link Kernels} on librnn4j: each method is the {@code org.rnn4j.backend.onednn} call of the same name. */
final class NativeKernels implements Kernels {
    static final NativeKernels INSTANCE = new NativeKernels();

    private NativeKernels() {
    }

    @Override
    public Backend backend() {
        return Backend.NATIVE;
    }

    @Override
    public LinearOp linear(int inFeatures, int outFeatures, Precision precision) {
        NativeLinear linear = new NativeLinear(inFeatures, outFeatures, precision);
        return new LinearOp() {
            @Override
            public Tensor forward(Tensor x, Tensor weights, Tensor bias) {
                return linear.forward(x, weights, bias);
            }

            @Override
            public Tensor backward(Tensor x, Tensor weights, Tensor outputGradient, Tensor weightsGradient,
                                   Tensor biasGradient) {
                return linear.backward(x, weights, outputGradient, weightsGradient, biasGradient,
                        GradientMode.ACCUMULATE);
            }

            @Override
            public void close() {
                linear.close();
            }
        };
    }

    @Override
    public Tensor embedding(Tensor table, long[] ids, long... idsShape) {
        return NativeEmbedding.forward(table, ids, idsShape);
    }

    @Override
    public void embeddingBackward(long[] ids, Tensor outputGradient, Tensor tableGradient) {
        NativeEmbedding.backward(ids, outputGradient, tableGradient, GradientMode.ACCUMULATE);
    }

    @Override
    public Tensor dropout(Tensor x, DropoutMask mask) {
        return NativeDropout.forward(x, mask);
    }

    @Override
    public Tensor dropoutBackward(Tensor outputGradient, DropoutMask mask) {
        return NativeDropout.backward(outputGradient, mask);
    }

    @Override
    public double crossEntropy(Tensor logits, long[] targets, Tensor mask) {
        return NativeLosses.crossEntropy(logits, targets, mask);
    }

    @Override
    public Tensor crossEntropyGradient(Tensor logits, long[] targets, Tensor mask, double lossGradient) {
        return NativeLosses.crossEntropyGradient(logits, targets, mask, lossGradient);
    }

    @Override
    public double[] ctcLosses(Tensor logits, CtcTargets targets, CtcInfinity infinity) {
        return NativeCtc.losses(logits, targets, infinity);
    }

    @Override
    public Tensor ctcGradient(Tensor logits, CtcTargets targets, CtcInfinity infinity, double[] lossGradients) {
        return NativeCtc.gradient(logits, targets, infinity, lossGradients);
    }

    @Override
    public double meanSquaredError(Tensor prediction, Tensor target, Tensor mask) {
        return NativeLosses.meanSquaredError(prediction, target, mask);
    }

    @Override
    public Tensor meanSquaredErrorGradient(Tensor prediction, Tensor target, Tensor mask, double lossGradient) {
        return NativeLosses.meanSquaredErrorGradient(prediction, target, mask, lossGradient);
    }

    @Override
    public double clipByGlobalNorm(List<Tensor> gradients, double maxNorm) {
        return NativeClipping.clipByGlobalNorm(gradients, maxNorm);
    }

    @Override
    public void clipByValue(List<Tensor> gradients, double maxValue) {
        NativeClipping.clipByValue(gradients, maxValue);
    }

    @Override
    public boolean allFinite(List<Tensor> tensors) {
        return NativeClipping.allFinite(tensors);
    }

    @Override
    public void sgd(Sgd config, Tensor params, Tensor grads, Tensor velocity) {
        NativeOptimizers.sgd(config, params, grads, velocity);
    }

    @Override
    public void adam(Adam config, long step, Tensor params, Tensor grads, Tensor firstMoment,
                     Tensor secondMoment) {
        NativeOptimizers.adam(config, step, params, grads, firstMoment, secondMoment);
    }

    @Override
    public void adamW(AdamW config, long step, Tensor params, Tensor grads, Tensor firstMoment,
                      Tensor secondMoment) {
        NativeOptimizers.adamW(config, step, params, grads, firstMoment, secondMoment);
    }

    @Override
    public void rmsProp(RmsProp config, Tensor params, Tensor grads, Tensor squareAverage,
                        Tensor momentumBuffer) {
        NativeOptimizers.rmsProp(config, params, grads, squareAverage, momentumBuffer);
    }
}
