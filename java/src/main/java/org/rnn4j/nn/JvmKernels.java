package org.rnn4j.nn;

import java.util.Arrays;
import java.util.List;

import org.rnn4j.backend.Backend;
import org.rnn4j.backend.CtcInfinity;
import org.rnn4j.backend.CtcTargets;
import org.rnn4j.backend.DropoutMask;
import org.rnn4j.backend.jvm.JvmCtc;
import org.rnn4j.backend.jvm.JvmLinear;
import org.rnn4j.backend.onednn.NativePrecision;
import org.rnn4j.Checks;
import org.rnn4j.Precision;
import org.rnn4j.backend.jvm.JvmOps;
import org.rnn4j.backend.jvm.JvmOptimizers;
import org.rnn4j.optim.Adam;
import org.rnn4j.optim.AdamW;
import org.rnn4j.optim.RmsProp;
import org.rnn4j.optim.Sgd;
import org.rnn4j.tensor.Shape;
import org.rnn4j.tensor.Tensor;

/**
 * {@link Kernels} on the pure-JVM backend's f32 kernels ({@code org.rnn4j.backend.jvm}: {@link JvmLinear} on its
 * GEMM, {@link JvmOps}, {@link JvmOptimizers}): tensors are read into float arrays and the results written back.
 */
final class JvmKernels implements Kernels {
    static final JvmKernels INSTANCE = new JvmKernels();

    private JvmKernels() {
    }

    @Override
    public Backend backend() {
        return Backend.JVM;
    }

    @Override
    public LinearOp linear(int inFeatures, int outFeatures, Precision precision) {
        if (Checks.notNull("precision", precision) == Precision.BF16) {
            throw new IllegalArgumentException("precision BF16 is native-only: the JVM backend's linear layer computes "
                    + "in f32 (use the native backend, Precision.F32, or Precision.BF16_OR_F32 to fall back)");
        }
        if (precision == Precision.BF16_OR_F32) {
            NativePrecision.fallback("the JVM backend computes in f32");
        }
        JvmLinear linear = new JvmLinear(inFeatures, outFeatures);
        Shape weightsShape = Shape.of(outFeatures, inFeatures);
        return new LinearOp() {
            @Override
            public Tensor forward(Tensor x, Tensor weights, Tensor bias) {
                weights.shape().check("weights", weightsShape);
                float[] y = linear.forward(x.toFloatArray(), weights.toFloatArray(),
                        bias == null ? null : bias.toFloatArray());
                return write(y, withWidth(x.shape(), outFeatures));
            }

            @Override
            public Tensor backward(Tensor x, Tensor weights, Tensor outputGradient, Tensor weightsGradient,
                                   Tensor biasGradient) {
                weights.shape().check("weights", weightsShape);
                weightsGradient.shape().check("weightsGradient", weightsShape);
                float[] dw = weightsGradient.toFloatArray();
                float[] db = biasGradient == null ? null : biasGradient.toFloatArray();
                float[] dx = linear.backward(x.toFloatArray(), weights.toFloatArray(), outputGradient.toFloatArray(),
                        dw, db);
                weightsGradient.copyFrom(dw);
                if (biasGradient != null) {
                    biasGradient.copyFrom(db);
                }
                return write(dx, x.shape());
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Tensor embedding(Tensor table, long[] ids, long... idsShape) {
        int width = (int) table.shape().dim(1);
        long[] dims = Arrays.copyOf(idsShape.length == 0 ? new long[] {ids.length} : idsShape,
                Math.max(1, idsShape.length) + 1);
        dims[dims.length - 1] = width;
        return write(JvmOps.embedding(table.toFloatArray(), width, ids), Shape.of(dims));
    }

    @Override
    public void embeddingBackward(long[] ids, Tensor outputGradient, Tensor tableGradient) {
        float[] dTable = tableGradient.toFloatArray();
        JvmOps.embeddingBackward(ids, outputGradient.toFloatArray(), (int) tableGradient.shape().dim(1), dTable);
        tableGradient.copyFrom(dTable);
    }

    @Override
    public Tensor dropout(Tensor x, DropoutMask mask) {
        return write(JvmOps.dropout(x.toFloatArray(), mask), x.shape());
    }

    @Override
    public Tensor dropoutBackward(Tensor outputGradient, DropoutMask mask) {
        return write(JvmOps.dropout(outputGradient.toFloatArray(), mask), outputGradient.shape());
    }

    @Override
    public double crossEntropy(Tensor logits, long[] targets, Tensor mask) {
        return JvmOps.crossEntropy(logits.toFloatArray(), lastDim(logits), targets, readOrNull(mask));
    }

    @Override
    public Tensor crossEntropyGradient(Tensor logits, long[] targets, Tensor mask, double lossGradient) {
        return write(JvmOps.crossEntropyGradient(logits.toFloatArray(), lastDim(logits), targets, readOrNull(mask),
                lossGradient), logits.shape());
    }

    @Override
    public double[] ctcLosses(Tensor logits, CtcTargets targets, CtcInfinity infinity) {
        return JvmCtc.losses(logits.toFloatArray(), steps(logits), lastDim(logits), targets, infinity);
    }

    @Override
    public Tensor ctcGradient(Tensor logits, CtcTargets targets, CtcInfinity infinity, double[] lossGradients) {
        return write(JvmCtc.gradient(logits.toFloatArray(), steps(logits), lastDim(logits), targets, infinity,
                lossGradients), logits.shape());
    }

    @Override
    public double meanSquaredError(Tensor prediction, Tensor target, Tensor mask) {
        target.shape().check("target", prediction.shape());
        return JvmOps.meanSquaredError(prediction.toFloatArray(), target.toFloatArray(), lastDim(prediction),
                readOrNull(mask));
    }

    @Override
    public Tensor meanSquaredErrorGradient(Tensor prediction, Tensor target, Tensor mask, double lossGradient) {
        target.shape().check("target", prediction.shape());
        return write(JvmOps.meanSquaredErrorGradient(prediction.toFloatArray(), target.toFloatArray(),
                lastDim(prediction), readOrNull(mask), lossGradient), prediction.shape());
    }

    @Override
    public double clipByGlobalNorm(List<Tensor> gradients, double maxNorm) {
        float[][] buffers = readAll(gradients);
        double norm = JvmOps.clipByGlobalNorm(buffers, maxNorm);
        storeAll(buffers, gradients);
        return norm;
    }

    @Override
    public void clipByValue(List<Tensor> gradients, double maxValue) {
        float[][] buffers = readAll(gradients);
        JvmOps.clipByValue(buffers, maxValue);
        storeAll(buffers, gradients);
    }

    @Override
    public boolean allFinite(List<Tensor> tensors) {
        return JvmOps.allFinite(readAll(tensors));
    }

    @Override
    public void sgd(Sgd config, Tensor params, Tensor grads, Tensor velocity) {
        float[] p = params.toFloatArray();
        float[] v = config.hasMomentum() ? velocity.toFloatArray() : null;
        JvmOptimizers.sgd(config, p, grads.toFloatArray(), v);
        params.copyFrom(p);
        if (v != null) {
            velocity.copyFrom(v);
        }
    }

    @Override
    public void adam(Adam config, long step, Tensor params, Tensor grads, Tensor firstMoment, Tensor secondMoment) {
        float[] p = params.toFloatArray(), m = firstMoment.toFloatArray(), v = secondMoment.toFloatArray();
        JvmOptimizers.adam(config, step, p, grads.toFloatArray(), m, v);
        params.copyFrom(p);
        firstMoment.copyFrom(m);
        secondMoment.copyFrom(v);
    }

    @Override
    public void adamW(AdamW config, long step, Tensor params, Tensor grads, Tensor firstMoment, Tensor secondMoment) {
        float[] p = params.toFloatArray(), m = firstMoment.toFloatArray(), v = secondMoment.toFloatArray();
        JvmOptimizers.adamW(config, step, p, grads.toFloatArray(), m, v);
        params.copyFrom(p);
        firstMoment.copyFrom(m);
        secondMoment.copyFrom(v);
    }

    @Override
    public void rmsProp(RmsProp config, Tensor params, Tensor grads, Tensor squareAverage, Tensor momentumBuffer) {
        float[] p = params.toFloatArray(), s = squareAverage.toFloatArray();
        float[] b = config.hasMomentum() ? momentumBuffer.toFloatArray() : null;
        JvmOptimizers.rmsProp(config, p, grads.toFloatArray(), s, b);
        params.copyFrom(p);
        squareAverage.copyFrom(s);
        if (b != null) {
            momentumBuffer.copyFrom(b);
        }
    }

    private static int lastDim(Tensor t) {
        Shape s = t.shape();
        if (s.rank() < 2) {
            throw new IllegalArgumentException("tensor must have rank >= 2, got " + s);
        }
        return (int) s.dim(s.rank() - 1);
    }

    /** T of logits [T, N, C]. */
    private static int steps(Tensor logits) {
        if (logits.shape().rank() != 3) {
            throw new IllegalArgumentException("logits must have shape [T, N, C], got " + logits.shape());
        }
        return (int) logits.shape().dim(0);
    }

    private static Shape withWidth(Shape s, long width) {
        long[] dims = s.dims();
        dims[dims.length - 1] = width;
        return Shape.of(dims);
    }

    private static float[] readOrNull(Tensor t) {
        return t == null ? null : t.toFloatArray();
    }

    private static float[][] readAll(List<Tensor> tensors) {
        float[][] out = new float[tensors.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = tensors.get(i).toFloatArray();
        }
        return out;
    }

    private static void storeAll(float[][] values, List<Tensor> tensors) {
        for (int i = 0; i < values.length; i++) {
            tensors.get(i).copyFrom(values[i]);
        }
    }

    private static Tensor write(float[] values, Shape shape) {
        Tensor t = Tensor.zeros(shape);
        t.copyFrom(values);
        return t;
    }
}
